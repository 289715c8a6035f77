import { randomBytes } from 'node:crypto';
import { KubeClient, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { Pod } from '../framework/types';

export const SCHEDULER_NAME = 'default-scheduler';

/** What the scheduler reports about a pod, as upstream's events. */
export interface SchedulerEventSink {
  /** `Scheduled` (Normal): `Successfully assigned ns/pod to node`. */
  scheduled(pod: Pod, nodeName: string): void;
  /** `FailedScheduling` (Warning) with the FitError message or the binding error. */
  failedScheduling(pod: Pod, message: string): void;
}

/** Event writes in flight at once, and queued before new ones are dropped (upstream's broadcaster drops too). */
const EVENT_CONCURRENCY = 4;
const EVENT_QUEUE_LIMIT = 10_000;

/**
 * Writes core/v1 Events as upstream's scheduler does (source and reportingComponent default-scheduler,
 * involvedObject the pod). Asynchronous and bounded, so bindings keep most of the client's connections;
 * a failed event write is logged, never retried.
 */
export class ApiEventSink implements SchedulerEventSink {
  private readonly pending: KubeObject[] = [];
  private inFlight = 0;
  private dropped = 0;

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
    const event: KubeObject = {
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
    if (this.pending.length >= EVENT_QUEUE_LIMIT) {
      if (this.dropped++ % 1000 === 0) this.log(`event queue full: dropped ${this.dropped} event(s)`);
      return;
    }
    this.pending.push(event);
    this.drain();
  }

  private drain(): void {
    while (this.inFlight < EVENT_CONCURRENCY && this.pending.length > 0) {
      const event = this.pending.shift()!;
      this.inFlight++;
      this.client
        .create(resources.events, event.metadata.namespace!, event)
        .catch((error: Error) => this.log(`event ${String(event.reason)} for ${event.metadata.namespace}/${(event.involvedObject as { name: string }).name} not written: ${error.message}`))
        .finally(() => {
          this.inFlight--;
          this.drain();
        });
    }
  }
}
