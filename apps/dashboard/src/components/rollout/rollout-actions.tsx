'use client';
import { useEffect, useState } from 'react';
import type { WorkloadKindName } from '@/components/events/event-timeline';
import { DeniedNote } from '@/components/access/denied-note';
import { useMutation } from '@/lib/graphql';
import { deniedReasons, usePermissions } from '@/lib/permissions';

const SCALE = /* GraphQL */ `mutation Scale($kind: WorkloadKind!, $namespace: String!, $name: String!, $replicas: Int!) { scale(kind: $kind, namespace: $namespace, name: $name, replicas: $replicas) { name desired } }`;
const RESTART = /* GraphQL */ `mutation Restart($kind: WorkloadKind!, $namespace: String!, $name: String!) { rolloutRestart(kind: $kind, namespace: $namespace, name: $name) { name } }`;
const PAUSE = /* GraphQL */ `mutation Pause($namespace: String!, $name: String!) { rolloutPause(namespace: $namespace, name: $name) { name paused } }`;
const RESUME = /* GraphQL */ `mutation Resume($namespace: String!, $name: String!) { rolloutResume(namespace: $namespace, name: $name) { name paused } }`;

export const buttonClass =
  'inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800';
export const primaryButtonClass =
  'inline-flex items-center gap-1.5 rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-sky-700 disabled:cursor-not-allowed disabled:opacity-50';
export const inputClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs focus:border-sky-500 focus:ring-1 focus:ring-sky-500 focus:outline-none dark:border-slate-700 dark:bg-slate-900';

export function MutationError({ error }: { error?: { message: string } }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-red-700 dark:text-red-400">
      {error.message}
    </p>
  );
}

/** Scale, restart, pause and resume, each a mutation with its own pending and error state. */
export function RolloutActions({ kind, namespace, name, desired, paused, owned, onDone }: { kind: WorkloadKindName; namespace: string; name: string; desired: number; paused: boolean; owned: boolean; onDone: () => void }) {
  const [replicas, setReplicas] = useState(String(desired));
  useEffect(() => setReplicas(String(desired)), [desired]);
  const scale = useMutation(SCALE);
  const restart = useMutation(RESTART);
  const pause = useMutation(PAUSE);
  const resume = useMutation(RESUME);
  // A ReplicaSet owned by a Deployment is scaled by the Deployment controller, which would undo a manual scale.
  const scalable = kind === 'Deployment' || kind === 'StatefulSet' || (kind === 'ReplicaSet' && !owned);
  const restartable = kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet';
  const resource = `${kind.toLowerCase()}s`;
  const group = kind === 'Job' || kind === 'CronJob' ? 'batch' : 'apps';
  // kubectl scale writes the scale subresource; restart, pause and resume patch the workload.
  const [canScale, canPatch] = usePermissions([scalable ? { verb: 'update', resource, group, subresource: 'scale', namespace } : undefined, restartable ? { verb: 'patch', resource, group, namespace } : undefined]);
  const denied = (decision?: { allowed: boolean; reason?: string }) => (decision && !decision.allowed ? decision.reason : undefined);
  const target = Number(replicas);
  const validTarget = replicas.trim() !== '' && Number.isInteger(target) && target >= 0;

  async function run(mutation: ReturnType<typeof useMutation>, variables: Record<string, unknown>) {
    if ((await mutation.run(variables)) !== undefined) onDone();
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {scalable && (
          <form
            className="flex items-center gap-1.5"
            onSubmit={(e) => {
              e.preventDefault();
              if (validTarget) void run(scale, { kind, namespace, name, replicas: target });
            }}
          >
            <label htmlFor="scale-replicas" className="text-sm text-slate-600 dark:text-slate-400">
              Replicas
            </label>
            <input id="scale-replicas" data-testid="scale-input" type="number" min={0} value={replicas} disabled={!!denied(canScale)} onChange={(e) => setReplicas(e.target.value)} className={`${inputClass} w-20`} />
            <button type="submit" className={buttonClass} title={denied(canScale)} disabled={scale.pending || !validTarget || target === desired || !!denied(canScale)}>
              {scale.pending ? 'Scaling…' : 'Scale'}
            </button>
          </form>
        )}
        {restartable && (
          <button type="button" className={buttonClass} title={denied(canPatch)} disabled={restart.pending || !!denied(canPatch)} onClick={() => void run(restart, { kind, namespace, name })}>
            {restart.pending ? 'Restarting…' : 'Restart'}
          </button>
        )}
        {kind === 'Deployment' &&
          (paused ? (
            <button type="button" className={primaryButtonClass} title={denied(canPatch)} disabled={resume.pending || !!denied(canPatch)} onClick={() => void run(resume, { namespace, name })}>
              {resume.pending ? 'Resuming…' : 'Resume rollout'}
            </button>
          ) : (
            <button type="button" className={buttonClass} title={denied(canPatch)} disabled={pause.pending || !!denied(canPatch)} onClick={() => void run(pause, { namespace, name })}>
              {pause.pending ? 'Pausing…' : 'Pause rollout'}
            </button>
          ))}
      </div>
      <DeniedNote reasons={deniedReasons([canScale, canPatch])} />
      <MutationError error={scale.error ?? restart.error ?? pause.error ?? resume.error} />
    </div>
  );
}
