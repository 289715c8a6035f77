import type { KubeClient } from '@drydock/client';
import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { ApiLimiter } from './api-limiter';

/** The object an event is about (a Pod, or a Node with its name as uid, as the kubelet does). */
export interface InvolvedObject {
  kind: 'Pod' | 'Node';
  name: string;
  namespace?: string;
  uid: string;
  apiVersion: 'v1';
  fieldPath?: string;
}

interface Recorded { name: string; namespace: string; count: number }

const MAX_REMEMBERED = 20_000;

/**
 * The kubelet's event recorder: `core/v1` Events with source kubelet/<node>; a repeat of the same
 * (object, fieldPath, type, reason, message) bumps `count` and `lastTimestamp` on the existing Event
 * instead of creating a new one, as client-go's EventCorrelator does. Fire-and-forget: failures are
 * logged, never thrown into the pod worker.
 */
export class EventSink {
  private readonly recorded = new Map<string, Recorded>();

  constructor(
    private readonly client: KubeClient,
    private readonly limiter: ApiLimiter,
    private readonly log: (message: string) => void,
  ) {}

  record(host: string, object: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const key = [object.uid, object.fieldPath ?? '', type, reason, message].join('\u0000');
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const previous = this.recorded.get(key);
    if (previous) {
      previous.count++;
      const body = { count: previous.count, lastTimestamp: now };
      void this.limiter.run(() => this.client.patch(resources.events, previous.namespace, previous.name, body, 'merge')).catch((error) => this.log(`event ${previous.name}: ${(error as Error).message}`));
      return;
    }
    if (this.recorded.size >= MAX_REMEMBERED) this.recorded.clear();
    const namespace = object.namespace ?? 'default';
    const name = `${object.name}.${(Date.now() * 1_000_000 + Math.floor(Math.random() * 1_000_000)).toString(16)}`;
    this.recorded.set(key, { name, namespace, count: 1 });
    const event = eventObject(name, namespace, host, object, type, reason, message, now);
    void this.limiter.run(() => this.client.create(resources.events, namespace, event)).catch((error) => this.log(`event ${name}: ${(error as Error).message}`));
  }
}

function eventObject(name: string, namespace: string, host: string, object: InvolvedObject, type: string, reason: string, message: string, now: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: object,
    reason,
    message,
    source: { component: 'kubelet', host },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type,
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: host,
  };
}
