import { findCondition, kubeTime, setCondition } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { isPodActive, isPodReady } from '../util/pod-status';
import type { Condition, Pod, PodTemplateSpec } from '../util/workload.types';
import { formatIndexes, isIndexed, succeededIndexes } from './job-indexes';

export interface JobStatus {
  active?: number;
  ready?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  startTime?: string;
  completionTime?: string;
  completedIndexes?: string;
  conditions?: Condition[];
  [key: string]: unknown;
}

export interface Job extends KubeObject {
  spec: {
    parallelism?: number;
    completions?: number | null;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    suspend?: boolean;
    ttlSecondsAfterFinished?: number;
    completionMode?: 'NonIndexed' | 'Indexed';
    selector?: unknown;
    template?: PodTemplateSpec;
  };
  status?: JobStatus;
}

/** Upstream's reasons and messages (pkg/controller/job, api/batch/v1). */
export const JobReasons = {
  completionsReached: { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
  backoffLimitExceeded: { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
  deadlineExceeded: { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' },
} as const;

export const DEFAULT_BACKOFF_LIMIT = 6;
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff: the delay before replacing failed pods. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 600_000;

/** What the job's pods say: counted from the pods that exist (see the reconciler on tracking finalizers). */
export interface PodCounts {
  active: Pod[];
  /** Indexed Jobs only. */
  succeededIndexes?: number[];
  ready: number;
  succeeded: number;
  failed: number;
  terminating: number;
}

/** With the job, an Indexed Job's `succeeded` counts distinct succeeded indexes and `succeededIndexes` lists them. */
export function countPods(pods: Pod[], job?: Job): PodCounts {
  const active = pods.filter(isPodActive);
  const indexes = job && isIndexed(job) ? succeededIndexes(job, pods) : undefined;
  return {
    active,
    succeededIndexes: indexes,
    ready: active.filter(isPodReady).length,
    succeeded: indexes?.length ?? pods.filter((pod) => pod.status?.phase === 'Succeeded').length,
    failed: pods.filter((pod) => pod.status?.phase === 'Failed').length,
    terminating: pods.filter((pod) => pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed').length,
  };
}

/** IsJobFinished: a Complete or Failed condition with status True. */
export function finishedCondition(job: Job): Condition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/**
 * pastBackoffLimitOnFailure: under restartPolicy OnFailure the kubelet restarts containers in place,
 * so their restarts (of pods still Pending or Running) count toward backoffLimit.
 */
export function pastBackoffLimitOnFailure(job: Job, pods: Pod[]): boolean {
  if (job.spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    if (pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue;
    const statuses = [...((pod.status?.initContainerStatuses as { restartCount?: number }[] | undefined) ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const status of statuses) restarts += status.restartCount ?? 0;
  }
  const limit = job.spec.backoffLimit ?? DEFAULT_BACKOFF_LIMIT;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** Why the job fails now (backoff limit, then deadline), or undefined. `activeMs` is the simulated time since startTime. */
export function failureReason(job: Job, counts: PodCounts, pods: Pod[], activeMs: number | undefined): { reason: string; message: string } | undefined {
  const existing = findCondition(job.status?.conditions, 'FailureTarget');
  if (existing?.status === 'True') return { reason: existing.reason ?? '', message: existing.message ?? '' };
  if (counts.failed > (job.spec.backoffLimit ?? DEFAULT_BACKOFF_LIMIT) || pastBackoffLimitOnFailure(job, pods)) return JobReasons.backoffLimitExceeded;
  const deadline = job.spec.activeDeadlineSeconds;
  if (deadline !== undefined && activeMs !== undefined && activeMs >= deadline * 1000) return JobReasons.deadlineExceeded;
  return undefined;
}

/** Whether enough pods succeeded: `completions` of them, or (completions unset) any one once none is active. */
export function successCriteriaMet(job: Job, counts: PodCounts): boolean {
  if (findCondition(job.status?.conditions, 'SuccessCriteriaMet')?.status === 'True') return true;
  const completions = job.spec.completions;
  if (completions === undefined || completions === null) return counts.succeeded > 0 && counts.active.length === 0;
  return counts.succeeded >= completions;
}

/** How many pods should be running: parallelism, capped by the completions still missing. */
export function wantActive(job: Job, counts: PodCounts): number {
  if (job.spec.suspend) return 0;
  const parallelism = job.spec.parallelism ?? 1;
  const completions = job.spec.completions;
  if (completions === undefined || completions === null) return counts.succeeded > 0 ? Math.min(counts.active.length, parallelism) : parallelism;
  return Math.max(0, Math.min(completions - counts.succeeded, parallelism));
}

export function newJobCondition(type: string, status: Condition['status'], reason: string, message: string, now: Date): Condition {
  const time = kubeTime(now);
  return { type, status, reason, message, lastProbeTime: time, lastTransitionTime: time };
}

/** The status counts upstream writes (zero counts omitted as omitempty does; `ready` and `terminating` are pointers and stay). */
export function countsStatus(status: JobStatus | undefined, counts: PodCounts): JobStatus {
  const next: JobStatus = { ...(status ?? {}), ready: counts.ready, terminating: counts.terminating };
  for (const [field, value] of [['active', counts.active.length], ['succeeded', counts.succeeded], ['failed', counts.failed]] as const) {
    if (value > 0) next[field] = value;
    else delete next[field];
  }
  if (counts.succeededIndexes?.length) next.completedIndexes = formatIndexes(counts.succeededIndexes);
  else delete next.completedIndexes;
  return next;
}

export function withCondition(status: JobStatus, condition: Condition): JobStatus {
  return { ...status, conditions: setCondition(status.conditions, condition) };
}

/** Status equality for the write-skip (key order independent enough: both sides come from the same builder). */
export function jobStatusUnchanged(job: Job, status: JobStatus): boolean {
  return JSON.stringify(normalize(job.status ?? {})) === JSON.stringify(normalize(status));
}

function normalize(status: JobStatus): Record<string, unknown> {
  return Object.fromEntries(Object.entries(status).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
}

/** getFinishedTime: the latest container termination, else the pod's last condition change, else its creation. */
export function podFinishedMs(pod: Pod): number {
  type Status = { state?: { terminated?: { finishedAt?: string } } };
  const statuses = (pod.status?.containerStatuses ?? []) as Status[];
  const finished = statuses.map((status) => Date.parse(status.state?.terminated?.finishedAt ?? '')).filter(Number.isFinite);
  if (finished.length > 0) return Math.max(...finished);
  const transitions = (pod.status?.conditions ?? []).map((c) => Date.parse(c.lastTransitionTime ?? '')).filter(Number.isFinite);
  if (transitions.length > 0) return Math.max(...transitions);
  return Date.parse(pod.metadata.creationTimestamp ?? '') || 0;
}

/**
 * The pod failure back-off still to wait (simulated ms, <= 0: none) before creating replacements:
 * 10 s doubling per failure since the last success, at most 10 min, from the last failure.
 */
export function podFailureBackoffLeft(pods: Pod[], simulatedSince: (realStartMs: number) => number): number {
  const finished = pods.filter((pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
    .map((pod) => ({ failed: pod.status?.phase === 'Failed', at: podFinishedMs(pod) }))
    .sort((a, b) => a.at - b.at);
  let failures = 0;
  let lastFailure = 0;
  for (const pod of finished) {
    failures = pod.failed ? failures + 1 : 0;
    if (pod.failed) lastFailure = pod.at;
  }
  if (failures === 0) return 0;
  const backoff = Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (failures - 1), MAX_POD_FAILURE_BACKOFF_MS);
  return backoff - simulatedSince(lastFailure);
}
