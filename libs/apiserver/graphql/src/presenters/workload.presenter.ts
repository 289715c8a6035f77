import { getScaledValueFromIntOrPercent, IntOrStringError } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { arr, condition, num, obj, spec, status, str } from './kube-fields';
import type { WorkloadKindName } from '../kube/kube-kinds';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export interface WorkloadCounts {
  desired: number;
  current: number;
  ready: number;
  updated: number;
  available: number;
}

/** The pod template of a workload (a CronJob's is inside its jobTemplate). */
export function podTemplateOf(kind: string, workload: KubeObject): Record<string, unknown> {
  return kind === 'CronJob' ? obj(obj(obj(spec(workload).jobTemplate).spec).template) : obj(spec(workload).template);
}

export function imagesOf(kind: string, workload: KubeObject): string[] {
  const template = obj(podTemplateOf(kind, workload).spec);
  return [...arr(template.initContainers), ...arr(template.containers)].map((c) => str(c.image) ?? '').filter(Boolean);
}

export function workloadCounts(kind: WorkloadKindName, w: KubeObject): WorkloadCounts {
  const s = status(w);
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
      return { desired: num(spec(w).replicas, 1), current: num(s.replicas), ready: num(s.readyReplicas), updated: num(s.updatedReplicas), available: num(s.availableReplicas) };
    case 'ReplicaSet':
      return { desired: num(spec(w).replicas, 1), current: num(s.replicas), ready: num(s.readyReplicas), updated: num(s.fullyLabeledReplicas), available: num(s.availableReplicas) };
    case 'DaemonSet':
      return { desired: num(s.desiredNumberScheduled), current: num(s.currentNumberScheduled), ready: num(s.numberReady), updated: num(s.updatedNumberScheduled), available: num(s.numberAvailable) };
    case 'Job':
      return { desired: num(spec(w).completions, 1), current: num(s.active), ready: num(s.ready), updated: num(s.succeeded), available: num(s.succeeded) };
    case 'CronJob':
      return { desired: spec(w).suspend === true ? 0 : 1, current: arr(s.active).length, ready: arr(s.active).length, updated: 0, available: 0 };
  }
}

export function workloadPaused(kind: WorkloadKindName, w: KubeObject): boolean {
  if (kind === 'Deployment') return spec(w).paused === true;
  if (kind === 'Job' || kind === 'CronJob') return spec(w).suspend === true;
  return false;
}

/** One word for the workload's state: Available, Progressing, Paused, Failed, Complete, Suspended, Running, Scheduled, Active. */
export function workloadStatus(kind: WorkloadKindName, w: KubeObject): string {
  const counts = workloadCounts(kind, w);
  switch (kind) {
    case 'Deployment': {
      if (spec(w).paused === true) return 'Paused';
      if (condition(w, 'Progressing')?.reason === 'ProgressDeadlineExceeded') return 'Failed';
      if (condition(w, 'ReplicaFailure')?.status === 'True') return 'Failed';
      const settled = counts.updated === counts.desired && counts.current === counts.desired && counts.available === counts.desired && num(status(w).observedGeneration) >= num(w.metadata.generation);
      return settled ? 'Available' : 'Progressing';
    }
    case 'Job': {
      if (condition(w, 'Complete')?.status === 'True') return 'Complete';
      if (condition(w, 'Failed')?.status === 'True') return 'Failed';
      if (spec(w).suspend === true) return 'Suspended';
      return 'Running';
    }
    case 'CronJob':
      if (spec(w).suspend === true) return 'Suspended';
      return counts.current > 0 ? 'Active' : 'Scheduled';
    default:
      if (condition(w, 'ReplicaFailure')?.status === 'True') return 'Failed';
      return counts.ready >= counts.desired && counts.current === counts.desired ? 'Available' : 'Progressing';
  }
}

export function revisionOf(w: KubeObject): number | undefined {
  const value = w.metadata.annotations?.[REVISION_ANNOTATION];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * An int-or-percent against a total, rounding up (maxSurge) or down (maxUnavailable) as the deployment
 * controller does (`fallback` when unset); one the controller could not scale counts as 0 here.
 */
export function resolveIntOrPercent(value: unknown, total: number, roundUp: boolean, fallback: string): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' && typeof v !== 'string') return 0;
  try {
    return getScaledValueFromIntOrPercent(v, total, roundUp);
  } catch (error) {
    if (error instanceof IntOrStringError) return 0;
    throw error;
  }
}

export interface RolloutView {
  strategy: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  unavailable: number;
  maxSurge: number;
  maxUnavailable: number;
  maxTotal: number;
  minAvailable: number;
  complete: boolean;
  message?: string;
}

/** A Deployment's rollout budget as the controller computes it (ResolveFenceposts: never both zero). */
export function rolloutView(d: KubeObject): RolloutView {
  const counts = workloadCounts('Deployment', d);
  const strategy = obj(spec(d).strategy);
  const type = str(strategy.type) ?? 'RollingUpdate';
  let maxSurge = 0;
  let maxUnavailable = counts.desired;
  if (type === 'RollingUpdate') {
    const rolling = obj(strategy.rollingUpdate);
    maxSurge = resolveIntOrPercent(rolling.maxSurge, counts.desired, true, '25%');
    maxUnavailable = resolveIntOrPercent(rolling.maxUnavailable, counts.desired, false, '25%');
    if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  }
  return {
    strategy: type,
    desired: counts.desired,
    updated: counts.updated,
    ready: counts.ready,
    available: counts.available,
    unavailable: num(status(d).unavailableReplicas, Math.max(0, counts.desired - counts.available)),
    maxSurge,
    maxUnavailable,
    maxTotal: counts.desired + maxSurge,
    minAvailable: Math.max(0, counts.desired - maxUnavailable),
    complete: workloadStatus('Deployment', d) === 'Available',
    message: condition(d, 'Progressing')?.message,
  };
}

export interface ReplicaSetSideView {
  name: string;
  revision?: number;
  replicas: number;
  ready: number;
  available: number;
  images: string[];
}

function side(rs: KubeObject): ReplicaSetSideView {
  return { name: rs.metadata.name ?? '', revision: revisionOf(rs), replicas: num(spec(rs).replicas), ready: num(status(rs).readyReplicas), available: num(status(rs).availableReplicas), images: imagesOf('ReplicaSet', rs) };
}

/**
 * A rolling update side by side: the new ReplicaSet (the Deployment's current revision) and the old
 * ones that still have replicas, newest first, against the budget.
 */
export function rolloutState(deployment: KubeObject, replicaSets: KubeObject[]): RolloutView & { newReplicaSet?: ReplicaSetSideView; oldReplicaSets: ReplicaSetSideView[] } {
  const current = revisionOf(deployment);
  const newest = current === undefined ? undefined : replicaSets.find((rs) => revisionOf(rs) === current);
  const old = replicaSets.filter((rs) => rs !== newest && (num(spec(rs).replicas) > 0 || num(status(rs).replicas) > 0)).sort((a, b) => (revisionOf(b) ?? 0) - (revisionOf(a) ?? 0));
  return { ...rolloutView(deployment), newReplicaSet: newest ? side(newest) : undefined, oldReplicaSets: old.map(side) };
}
