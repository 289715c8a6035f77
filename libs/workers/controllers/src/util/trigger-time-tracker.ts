import type { Service } from './network.types';
import { podCondition } from './pod-status';
import type { Pod } from './workload.types';

interface ServiceState {
  serviceTriggerTime: number;
  podTriggerTimes: Map<string, number>;
}

/**
 * TriggerTimeTracker: the value of the `endpoints.kubernetes.io/last-change-trigger-time` annotation,
 * the earliest change (a pod's Ready transition, the Service's creation) not yet seen by a previous
 * sync of the same Service. A Service seen for the first time reports its creationTimestamp.
 * Returns undefined when nothing changed (the annotation is then removed).
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  compute(key: string, service: Service, pods: Pod[]): Date | undefined {
    const state = this.states.get(key);
    let earliest: number | undefined;
    const podTriggerTimes = new Map<string, number>();
    for (const pod of pods) {
      const time = Date.parse(podCondition(pod, 'Ready')?.lastTransitionTime ?? '');
      if (!Number.isFinite(time)) continue;
      podTriggerTimes.set(pod.metadata.name!, time);
      if (time > (state?.podTriggerTimes.get(pod.metadata.name!) ?? -Infinity)) earliest = Math.min(earliest ?? time, time);
    }
    const serviceTriggerTime = Date.parse(service.metadata.creationTimestamp ?? '');
    if (Number.isFinite(serviceTriggerTime) && serviceTriggerTime > (state?.serviceTriggerTime ?? -Infinity)) earliest = Math.min(earliest ?? serviceTriggerTime, serviceTriggerTime);
    this.states.set(key, { serviceTriggerTime, podTriggerTimes });
    if (!state) return Number.isFinite(serviceTriggerTime) ? new Date(serviceTriggerTime) : undefined;
    return earliest === undefined ? undefined : new Date(earliest);
  }

  delete(key: string): void {
    this.states.delete(key);
  }
}
