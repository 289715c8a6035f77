'use client';
import type { RolloutState, ScalingEvent } from '@/components/workloads/workload-types';
import Link from 'next/link';
import { podHref, type PodRow } from '@/components/pods/pod-types';
import { StatusBadge, toneOf } from '@/components/ui/status-badge';
import { BudgetGauge } from './budget-gauge';
import { REPLICA_STATE_CLASS, ReplicaSetPanel } from './replica-set-panel';
import { RolloutChart, useRolloutSamples } from './rollout-chart';
import { describeStep } from './rollout-step';
import { StepLog, useStepLog } from './step-log';

const PHASE_CLASS: Record<string, string> = {
  complete: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200',
  paused: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200',
  failed: 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200',
};

/**
 * A Deployment's update as it happens: new and old ReplicaSets side by side (a box per replica),
 * the surge/unavailable budget, the current step in words and the step log. The parent refetches
 * the workload on every change; this component only draws what it is given.
 */
export function RolloutView({ namespace, rollout, paused, failed, events, pods, actions }: { namespace: string; rollout: RolloutState; paused: boolean; failed: boolean; events: ScalingEvent[]; pods: PodRow[]; actions?: React.ReactNode }) {
  const step = describeStep(rollout, paused, failed);
  const steps = useStepLog(rollout, paused, events);
  const samples = useRolloutSamples(rollout);
  const olds = rollout.oldReplicaSets.filter((s) => s.replicas > 0 || s.available > 0);
  const idleOlds = rollout.oldReplicaSets.length - olds.length;
  return (
    <section aria-labelledby="rollout-heading" data-testid="rollout-view" data-phase={step.phase} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="rollout-heading" className="text-base font-semibold">
            Rollout
          </h2>
          <p className="text-xs text-slate-500">
            {rollout.strategy}
            {rollout.strategy === 'Recreate' && ' · every old pod stops before the new ones start'}
            {rollout.strategy === 'RollingUpdate' && (
              <>
                {' '}
                · desired {rollout.desired} · maxSurge {rollout.maxSurge} · maxUnavailable {rollout.maxUnavailable} → at most <strong>{rollout.maxTotal}</strong> pods, at least <strong>{rollout.minAvailable}</strong> available
              </>
            )}
          </p>
        </div>
        {actions}
      </div>

      <p data-testid="rollout-step" className={`rounded-md border px-3 py-2 text-sm ${PHASE_CLASS[step.phase] ?? 'border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-200'}`}>
        {step.phase !== 'complete' && step.phase !== 'paused' && step.phase !== 'failed' && <span aria-hidden className="mr-2 inline-block h-2 w-2 animate-pulse rounded-full bg-sky-500" />}
        {step.now}
      </p>
      {step.phase !== 'complete' && rollout.newReplicaSet && <HeldUpBy pods={pods.filter((p) => p.name.startsWith(`${rollout.newReplicaSet!.name}-`))} />}

      {/* On a laptop screen and wider the steps sit beside the picture, so both fit without scrolling. */}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-4">
          <div className="flex flex-col gap-3 md:flex-row">
            {rollout.newReplicaSet ? <ReplicaSetPanel side={rollout.newReplicaSet} role="new" namespace={namespace} /> : <p className="flex-1 text-sm text-slate-500">No ReplicaSet for the current template yet.</p>}
            {olds.length > 0 && (
              <>
                <span aria-hidden className="hidden self-center text-xl text-slate-400 md:block">
                  ⇠
                </span>
                <div className="flex min-w-0 flex-1 flex-col gap-2">
                  {olds.map((side) => (
                    <ReplicaSetPanel key={side.name} side={side} role="old" namespace={namespace} />
                  ))}
                </div>
              </>
            )}
          </div>
          {idleOlds > 0 && <p className="text-xs text-slate-500">{idleOlds} older ReplicaSet{idleOlds === 1 ? '' : 's'} at 0 replicas kept for rollback (see History).</p>}
          <Legend />

          {rollout.strategy === 'RollingUpdate' && <BudgetGauge rollout={rollout} />}
          <RolloutChart samples={samples} rollout={rollout} />
        </div>
        <div className="min-w-0">
          <h3 className="mb-2 text-sm font-semibold">Steps</h3>
          <StepLog entries={steps} />
        </div>
      </div>
    </section>
  );
}

function Legend() {
  return (
    <ul className="flex flex-wrap gap-4 text-xs text-slate-600 dark:text-slate-400" aria-label="Legend">
      {(
        [
          ['available', 'available'],
          ['ready', 'ready, not yet available'],
          ['not-ready', 'not ready'],
          ['leaving', 'scaled away, still running'],
        ] as const
      ).map(([state, label]) => (
        <li key={state} className="flex items-center gap-1.5">
          <span className={`inline-block h-3 w-3 rounded-sm border-2 ${REPLICA_STATE_CLASS[state].replace('animate-pulse', '')}`} />
          {label}
        </li>
      ))}
    </ul>
  );
}

/** How long a new pod may take to start before it counts as holding the rollout up. */
const SLOW_START_MS = 20_000;

/**
 * The new ReplicaSet's pods that keep the rollout waiting: failing ones at once, Pending or
 * starting ones once they take longer than a normal start. Each links to the pod, a Pending one to
 * its scheduling reasons.
 */
function HeldUpBy({ pods }: { pods: PodRow[] }) {
  const now = Date.now();
  const stuck = pods.filter((p) => {
    const tone = toneOf(p.status);
    if (tone === 'error') return true;
    return p.status !== 'Running' && !p.deletionTimestamp && tone !== 'ok' && now - Date.parse(p.createdAt ?? '') > SLOW_START_MS;
  });
  if (!stuck.length) return null;
  return (
    <div data-testid="rollout-held-up" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
      <p className="font-medium">
        {stuck.length} new pod{stuck.length === 1 ? ' is' : 's are'} holding the rollout up:
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {stuck.slice(0, 5).map((p) => (
          <li key={p.name} className="flex items-center gap-1.5">
            <Link href={podHref(p.namespace, p.name, p.status === 'Pending' && !p.nodeName ? 'scheduling' : undefined)} className="text-sky-700 hover:underline dark:text-sky-300">
              {p.name}
            </Link>
            <StatusBadge status={p.status} />
            {p.status === 'Pending' && !p.nodeName && <span className="text-xs">(why?)</span>}
          </li>
        ))}
        {stuck.length > 5 && <li>and {stuck.length - 5} more</li>}
      </ul>
    </div>
  );
}
