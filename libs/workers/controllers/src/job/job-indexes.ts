import type { Pod } from '../util/workload.types';
import type { Job } from './job-status';

/** The annotation (and, since 1.28, label) naming an Indexed Job pod's completion index. */
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

export function isIndexed(job: Job): boolean {
  return job.spec.completionMode === 'Indexed';
}

/** getCompletionIndex: the pod's index when it is a valid one for this job (0 <= index < completions). */
export function completionIndex(job: Job, pod: Pod): number | undefined {
  const raw = pod.metadata.annotations?.[COMPLETION_INDEX] ?? pod.metadata.labels?.[COMPLETION_INDEX];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const index = Number(raw);
  return index < (job.spec.completions ?? 0) ? index : undefined;
}

/** The distinct indexes with a Succeeded pod, in increasing order. */
export function succeededIndexes(job: Job, pods: Pod[]): number[] {
  const indexes = new Set<number>();
  for (const pod of pods) {
    const index = pod.status?.phase === 'Succeeded' ? completionIndex(job, pod) : undefined;
    if (index !== undefined) indexes.add(index);
  }
  return [...indexes].sort((a, b) => a - b);
}

/** orderedIntervals.String: `1,3-5,7`; two consecutive indexes stay apart (`1,2`). */
export function formatIndexes(indexes: number[]): string {
  const parts: string[] = [];
  for (let start = 0; start < indexes.length;) {
    let end = start;
    while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
    if (end === start) parts.push(String(indexes[start]));
    else parts.push(`${indexes[start]}${end === start + 1 ? ',' : '-'}${indexes[end]}`);
    start = end + 1;
  }
  return parts.join(',');
}

/** firstPendingIndexes: the lowest `count` indexes that neither succeeded nor have an active pod. */
export function pendingIndexes(job: Job, active: Pod[], succeeded: number[], count: number): number[] {
  const taken = new Set([...succeeded, ...active.map((pod) => completionIndex(job, pod)).filter((i): i is number => i !== undefined)]);
  const pending: number[] = [];
  for (let index = 0; index < (job.spec.completions ?? 0) && pending.length < count; index++) if (!taken.has(index)) pending.push(index);
  return pending;
}

/**
 * addCompletionIndexEnvVariables and friends: the index as annotation and label, hostname `<job>-<index>`
 * unless the template sets one, generateName `<job>-<index>-`, and JOB_COMPLETION_INDEX in every container.
 */
export function withCompletionIndex(pod: Pod, job: Job, index: number): Pod {
  const containers = (list: unknown) => (list as Record<string, unknown>[] | undefined)?.map((container) => {
    const env = (container.env as { name: string }[] | undefined) ?? [];
    if (env.some((variable) => variable.name === 'JOB_COMPLETION_INDEX')) return container;
    return { ...container, env: [...env, { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } }] };
  });
  const spec: Record<string, unknown> = { ...pod.spec, containers: containers(pod.spec?.containers) };
  if (pod.spec?.initContainers) spec.initContainers = containers(pod.spec.initContainers);
  if (!spec.hostname) spec.hostname = `${job.metadata.name}-${index}`;
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      generateName: `${job.metadata.name}-${index}-`,
      annotations: { ...(pod.metadata.annotations ?? {}), [COMPLETION_INDEX]: String(index) },
      labels: { ...(pod.metadata.labels ?? {}), [COMPLETION_INDEX]: String(index) },
    },
    spec,
  };
}
