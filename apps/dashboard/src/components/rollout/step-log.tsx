'use client';
import { useEffect, useRef, useState } from 'react';
import { Age, useNow } from '@/components/ui/age';
import type { ReplicaSetSide, RolloutState, ScalingEvent } from '@/components/workloads/workload-types';

const COMBINED = /^\(combined from similar events\): /;

export interface StepEntry {
  key: string;
  time: string;
  text: string;
  source: 'event' | 'seen';
}

function sidesByName(r: RolloutState): Map<string, ReplicaSetSide> {
  return new Map([...(r.newReplicaSet ? [r.newReplicaSet] : []), ...r.oldReplicaSets].map((s) => [s.name, s]));
}

/** What changed between two snapshots of a rollout that the events do not say (they only record scaling). */
function observedSteps(before: RolloutState, after: RolloutState, pausedBefore: boolean, pausedAfter: boolean): string[] {
  const steps: string[] = [];
  const old = sidesByName(before);
  if (after.newReplicaSet && after.newReplicaSet.name !== before.newReplicaSet?.name) steps.push(`New ReplicaSet ${after.newReplicaSet.name} (revision ${after.newReplicaSet.revision ?? '?'}) for ${after.newReplicaSet.images.join(', ')}`);
  for (const side of sidesByName(after).values()) {
    const prev = old.get(side.name);
    // Worded as the controller words its ScalingReplicaSet events, so a matching event replaces it.
    if (!prev && side.replicas > 0) steps.push(`Scaled up replica set ${side.name} from 0 to ${side.replicas}`);
    if (prev && prev.replicas !== side.replicas) steps.push(`Scaled ${side.replicas > prev.replicas ? 'up' : 'down'} replica set ${side.name} from ${prev.replicas} to ${side.replicas}`);
    if (prev && prev.available !== side.available) steps.push(`${side.name}: ${prev.available} → ${side.available} available`);
    else if (prev && prev.ready !== side.ready) steps.push(`${side.name}: ${prev.ready} → ${side.ready} ready`);
  }
  if (pausedBefore !== pausedAfter) steps.push(pausedAfter ? 'Rollout paused' : 'Rollout resumed');
  if (!before.complete && after.complete) steps.push('Rollout complete');
  return steps;
}

/**
 * The rollout's steps: the controller's ScalingReplicaSet events, plus what this page saw change
 * (pods becoming available, pause, completion) since it opened. Newest first.
 */
export function useStepLog(rollout: RolloutState | null | undefined, paused: boolean, events: ScalingEvent[]): StepEntry[] {
  const [seen, setSeen] = useState<StepEntry[]>([]);
  const previous = useRef<{ rollout: RolloutState; paused: boolean } | undefined>(undefined);
  useEffect(() => {
    if (!rollout) return;
    const before = previous.current;
    previous.current = { rollout, paused };
    if (!before) return;
    const steps = observedSteps(before.rollout, rollout, before.paused, paused);
    if (!steps.length) return;
    const time = new Date().toISOString();
    // Newest first, like the list: the batch's last step on top.
    setSeen((s) => [...steps.reverse().map((text, i) => ({ key: `seen-${time}-${i}`, time, text, source: 'seen' as const })), ...s].slice(0, 200));
  }, [rollout, paused]);
  // Past ten similar events in ten minutes the event recorder folds the rest into one event
  // ("(combined from similar events): …", then only its count grows), so the events lose the later
  // steps of busy rollouts: the steps this page saw itself fill the gaps.
  const scaling = events.filter((e) => e.reason === 'ScalingReplicaSet' && e.message);
  const fromEvents: StepEntry[] = scaling.map((e) => ({
    key: `event-${e.uid}`,
    time: e.lastTimestamp ?? e.firstTimestamp ?? '',
    text: COMBINED.test(e.message!) ? `${e.count ?? 'Several'} more scaling steps (the event recorder folds similar events into one)` : e.message!,
    source: 'event' as const,
  }));
  const told = new Set(scaling.filter((e) => !COMBINED.test(e.message!)).map((e) => e.message!));
  return [...fromEvents, ...seen.filter((s) => !told.has(s.text))].sort((a, b) => Date.parse(b.time) - Date.parse(a.time)).slice(0, 100);
}

/** Steps of one rollout come seconds apart; a pause longer than this separates the latest rollout from earlier ones. */
const ROLLOUT_GAP_MS = 60_000;

/** Splits newest-first entries at the first long pause: [the latest burst of steps, everything before it]. */
function splitLatest(entries: StepEntry[]): [StepEntry[], StepEntry[]] {
  for (let i = 1; i < entries.length; i++) {
    if (Date.parse(entries[i - 1].time) - Date.parse(entries[i].time) > ROLLOUT_GAP_MS) return [entries.slice(0, i), entries.slice(i)];
  }
  return [entries, []];
}

function StepItem({ entry, now }: { entry: StepEntry; now: number }) {
  return (
    <li data-testid="step" data-source={entry.source} className="flex gap-3">
      <span className="w-14 shrink-0 text-right text-xs leading-5 text-slate-500">
        <Age timestamp={entry.time} now={now} />
      </span>
      <span aria-hidden title={entry.source === 'event' ? 'controller event' : 'seen by this page'} className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${entry.source === 'event' ? 'bg-sky-500' : 'bg-emerald-500'}`} />
      <span className={entry.source === 'event' ? 'text-slate-900 dark:text-slate-100' : 'text-slate-600 dark:text-slate-400'}>{entry.text}</span>
    </li>
  );
}

export function StepLog({ entries }: { entries: StepEntry[] }) {
  const now = useNow(5000);
  if (!entries.length) return <p className="text-sm text-slate-500">No steps yet: the controller records a step each time it scales a ReplicaSet.</p>;
  const [latest, earlier] = splitLatest(entries);
  return (
    <div className="max-h-[30rem] overflow-y-auto pr-1 text-sm">
      <ol data-testid="step-log" className="space-y-1">
        {latest.map((entry) => (
          <StepItem key={entry.key} entry={entry} now={now} />
        ))}
      </ol>
      {earlier.length > 0 && (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs text-slate-500 hover:text-slate-700 dark:hover:text-slate-300">Earlier steps ({earlier.length})</summary>
          <ol className="mt-1 space-y-1 opacity-80">
            {earlier.map((entry) => (
              <StepItem key={entry.key} entry={entry} now={now} />
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
