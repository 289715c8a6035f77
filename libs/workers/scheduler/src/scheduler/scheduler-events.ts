import { randomBytes } from 'node:crypto';
import { KubeClient, resources } from '@drydock/client';
import type { Pod } from '../framework/types';

export const SCHEDULER_NAME = 'default-scheduler';

/** What the scheduler reports about a pod, as upstream's events. */
export interface SchedulerEventSink {
  /** `Scheduled` (Normal): `Successfully assigned ns/pod to node`. */
  scheduled(pod: Pod, nodeName: string): void;
  /** `FailedScheduling` (Warning) with the FitError message or the binding error. */
  failedScheduling(pod: Pod, message: string): void;
}

/**
 * Writes core/v1 Events as upstream's scheduler does (source and reportingComponent default-scheduler,
 * involvedObject the pod). Fire-and-forget: a failed event write is logged, never retried.
 */
export class ApiEventSink implements SchedulerEventSink {
  constructor(private readonly client: KubeClient, private readonly instance: string, private readonly log: (line: string) => void) {}

  scheduled(pod: Pod, nodeName: string): void {
    const { namespace, name } = pod.metadata;
    this.emit(pod, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${namespace}/${name} to ${nodeName}`);
  }

  failedScheduling(pod: Pod, message: string): void {
    this.emit(pod, 'Warning', 'FailedScheduling', 'Scheduling', message);
  }

  private emit(pod: Pod, type: string, reason: string, action: string, message: string): void {
    const now = new Date().toISOString();
    const namespace = pod.metadata.namespace ?? 'default';
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${pod.metadata.name}.${randomBytes(8).toString('hex')}`, namespace },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace, name: pod.metadata.name, uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion },
      type, reason, action, message,
      source: { component: SCHEDULER_NAME },
      reportingComponent: SCHEDULER_NAME,
      reportingInstance: this.instance,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
    this.client.create(resources.events, namespace, event).catch((error: Error) => this.log(`event ${reason} for ${namespace}/${pod.metadata.name} not written: ${error.message}`));
  }
}
