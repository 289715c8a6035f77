import type { RolloutState } from '@/components/workloads/workload-types';

interface Segment {
  value: number;
  className: string;
  label: string;
}
interface Marker {
  at: number;
  label: string;
  className: string;
  lineClassName: string;
}

/** A horizontal bar on a 0..scale axis, with labelled budget lines. */
function GaugeRow({ title, value, verdict, segments, markers, scale, testId }: { title: string; value: string; verdict: 'ok' | 'edge' | 'over'; segments: Segment[]; markers: Marker[]; scale: number; testId: string }) {
  const pct = (n: number) => `${Math.min(100, (n / scale) * 100)}%`;
  return (
    <div data-testid={testId}>
      <div className="flex items-baseline justify-between text-xs">
        <span className="font-medium text-slate-700 dark:text-slate-300">{title}</span>
        <span className={`tabular-nums ${verdict === 'over' ? 'font-semibold text-red-700 dark:text-red-400' : verdict === 'edge' ? 'font-medium text-amber-700 dark:text-amber-400' : 'text-slate-600 dark:text-slate-400'}`}>{value}</span>
      </div>
      <div className="relative mt-5 h-4">
        <div className="absolute inset-0 flex overflow-hidden rounded bg-slate-100 dark:bg-slate-800">
          {segments.map((s) => (
            <span key={s.label} title={`${s.label}: ${s.value}`} className={`h-full transition-all duration-300 ${s.className}`} style={{ width: pct(s.value) }} />
          ))}
        </div>
        {markers.map((m) => (
          <div key={m.label} className="absolute -top-5 bottom-[-4px] flex flex-col items-center" style={{ left: pct(m.at), transform: 'translateX(-50%)' }}>
            <span className={`text-[10px] leading-4 font-medium whitespace-nowrap ${m.className}`}>{m.label}</span>
            <span className={`w-0.5 flex-1 ${m.lineClassName}`} />
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * The rolling-update budget: all pods must stay at or under maxTotal (desired + maxSurge), and at
 * least minAvailable (desired − maxUnavailable) must stay available.
 */
export function BudgetGauge({ rollout }: { rollout: RolloutState }) {
  const next = rollout.newReplicaSet;
  const oldReplicas = rollout.oldReplicaSets.reduce((n, s) => n + s.replicas, 0);
  const oldAvailable = rollout.oldReplicaSets.reduce((n, s) => n + s.available, 0);
  const newReplicas = next?.replicas ?? 0;
  const newAvailable = next?.available ?? 0;
  const total = newReplicas + oldReplicas;
  const available = newAvailable + oldAvailable;
  const scale = Math.max(rollout.maxTotal, total, rollout.desired, 1) * 1.08;
  return (
    <div className="space-y-3" aria-label="Rollout budget">
      <GaugeRow
        testId="budget-total"
        title="Pods (new + old)"
        value={`${total} of at most ${rollout.maxTotal}`}
        verdict={total > rollout.maxTotal ? 'over' : total === rollout.maxTotal && total > rollout.desired ? 'edge' : 'ok'}
        scale={scale}
        segments={[
          { value: newReplicas, label: 'new', className: 'bg-sky-500' },
          { value: oldReplicas, label: 'old', className: 'bg-slate-400 dark:bg-slate-500' },
        ]}
        markers={[
          { at: rollout.desired, label: `desired ${rollout.desired}`, className: 'text-slate-500', lineClassName: 'bg-slate-500' },
          ...(rollout.maxTotal !== rollout.desired ? [{ at: rollout.maxTotal, label: `max ${rollout.maxTotal} (+${rollout.maxSurge} surge)`, className: 'text-red-600 dark:text-red-400', lineClassName: 'bg-red-600 dark:bg-red-400' }] : []),
        ]}
      />
      <GaugeRow
        testId="budget-available"
        title="Available pods"
        value={`${available}, at least ${rollout.minAvailable} must stay`}
        verdict={available < rollout.minAvailable ? 'over' : available === rollout.minAvailable && available < rollout.desired ? 'edge' : 'ok'}
        scale={scale}
        segments={[
          { value: newAvailable, label: 'new available', className: 'bg-emerald-500' },
          { value: oldAvailable, label: 'old available', className: 'bg-emerald-300 dark:bg-emerald-800' },
        ]}
        markers={[{ at: rollout.minAvailable, label: rollout.maxUnavailable ? `min ${rollout.minAvailable} (−${rollout.maxUnavailable} unavailable)` : `min ${rollout.minAvailable} (none may be unavailable)`, className: 'text-amber-600 dark:text-amber-400', lineClassName: 'bg-amber-600 dark:bg-amber-400' }]}
      />
    </div>
  );
}
