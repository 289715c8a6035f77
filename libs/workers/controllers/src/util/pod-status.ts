import type { Condition, Pod } from './workload.types';

export function podCondition(pod: Pod, type: string): Condition | undefined {
  return pod.status?.conditions?.find((condition) => condition.type === type);
}

/** podutil.IsPodReady: condition Ready=True. */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/**
 * podutil.IsPodAvailable: ready, and ready for at least minReadySeconds (measured from the Ready
 * condition's lastTransitionTime). `elapsedMs` turns a real interval into simulated time (the Clock).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number, elapsedMs: (startMs: number, nowMs: number) => number = (s, n) => n - s): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = Date.parse(podCondition(pod, 'Ready')?.lastTransitionTime ?? '');
  return Number.isFinite(since) && elapsedMs(since, nowMs) > minReadySeconds * 1000;
}

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function isPodTerminated(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
