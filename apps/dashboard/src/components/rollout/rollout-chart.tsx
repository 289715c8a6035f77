'use client';
import { useEffect, useState } from 'react';
import { useNow } from '@/components/ui/age';
import type { RolloutState } from '@/components/workloads/workload-types';

export interface RolloutSample {
  t: number;
  newReplicas: number;
  oldReplicas: number;
  available: number;
}

const MAX_SAMPLES = 600;

/**
 * One sample per change of the rollout state seen by this page (the parent refetches on every
 * change). A new ReplicaSet starts a new rollout: the chart restarts from the last state before it,
 * whose pods all count as old from then on.
 */
export function useRolloutSamples(rollout: RolloutState): RolloutSample[] {
  const [samples, setSamples] = useState<RolloutSample[]>([]);
  const [newName, setNewName] = useState(rollout.newReplicaSet?.name);
  if (newName !== rollout.newReplicaSet?.name) {
    setNewName(rollout.newReplicaSet?.name);
    const last = samples[samples.length - 1];
    setSamples(last ? [{ ...last, newReplicas: 0, oldReplicas: last.newReplicas + last.oldReplicas }] : []);
  }
  const newReplicas = rollout.newReplicaSet?.replicas ?? 0;
  const oldReplicas = rollout.oldReplicaSets.reduce((n, s) => n + s.replicas, 0);
  const available = (rollout.newReplicaSet?.available ?? 0) + rollout.oldReplicaSets.reduce((n, s) => n + s.available, 0);
  useEffect(() => {
    setSamples((s) => {
      const last = s[s.length - 1];
      if (last && last.newReplicas === newReplicas && last.oldReplicas === oldReplicas && last.available === available) return s;
      return [...s, { t: Date.now(), newReplicas, oldReplicas, available }].slice(-MAX_SAMPLES);
    });
  }, [newReplicas, oldReplicas, available]);
  return samples;
}

const W = 600;
const H = 110;
const PAD = 4;

/** A step line through the samples, held flat until `end`. */
function stepPath(samples: RolloutSample[], pick: (s: RolloutSample) => number, x: (t: number) => number, y: (v: number) => number, end: number): string {
  let d = `M ${x(samples[0].t)} ${y(pick(samples[0]))}`;
  for (const s of samples.slice(1)) d += ` H ${x(s.t)} V ${y(pick(s))}`;
  return `${d} H ${x(end)}`;
}

/**
 * The rollout over time, as this page saw it: new and old pods stacked, available pods as a line,
 * against the budget lines (at most maxTotal pods, at least minAvailable available).
 */
export function RolloutChart({ samples, rollout }: { samples: RolloutSample[]; rollout: RolloutState }) {
  const now = useNow(1000);
  if (samples.length < 2) return null;
  const start = samples[0].t;
  const lastChange = samples[samples.length - 1].t;
  // A finished rollout stops the clock shortly after its last change, so it does not shrink to a sliver.
  const end = rollout.complete ? Math.max(lastChange + Math.max(5000, (lastChange - start) / 10), Math.min(now, lastChange + 1000)) : Math.max(now, lastChange + 1000);
  const top = Math.max(rollout.maxTotal, ...samples.map((s) => s.newReplicas + s.oldReplicas)) * 1.1 || 1;
  const x = (t: number) => PAD + ((t - start) / (end - start)) * (W - 2 * PAD);
  const y = (v: number) => H - PAD - (v / top) * (H - 2 * PAD);
  const total = stepPath(samples, (s) => s.newReplicas + s.oldReplicas, x, y, end);
  const fresh = stepPath(samples, (s) => s.newReplicas, x, y, end);
  const seconds = Math.round((end - start) / 1000);
  return (
    <figure data-testid="rollout-chart" className="space-y-1">
      <figcaption className="flex justify-between text-xs text-slate-500">
        <span>
          {rollout.complete ? `The last rollout seen on this page (${seconds}s)` : `This rollout so far (${seconds}s)`}: <span className="text-sky-600 dark:text-sky-400">new</span> + <span className="text-slate-500">old</span> pods, <span className="text-emerald-600 dark:text-emerald-400">available</span>
        </span>
        <span>{samples.length} changes</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="h-28 w-full rounded bg-slate-50 dark:bg-slate-800/50" role="img" aria-label="Pods of the new and old ReplicaSets over time">
        <path d={`${total} V ${y(0)} H ${x(start)} Z`} className="fill-slate-300 dark:fill-slate-600" />
        <path d={`${fresh} V ${y(0)} H ${x(start)} Z`} className="fill-sky-400/80 dark:fill-sky-600/80" />
        <path d={stepPath(samples, (s) => s.available, x, y, end)} className="fill-none stroke-emerald-600 dark:stroke-emerald-400" strokeWidth={2} vectorEffect="non-scaling-stroke" />
        <line x1={0} x2={W} y1={y(rollout.maxTotal)} y2={y(rollout.maxTotal)} className="stroke-red-500" strokeDasharray="4 3" vectorEffect="non-scaling-stroke" />
        <line x1={0} x2={W} y1={y(rollout.minAvailable)} y2={y(rollout.minAvailable)} className="stroke-amber-500" strokeDasharray="4 3" vectorEffect="non-scaling-stroke" />
      </svg>
    </figure>
  );
}
