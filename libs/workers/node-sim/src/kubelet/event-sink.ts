import { DiscardResult, EventRecorder, KubeClient, PatchOptions, PatchType, ResourceRef } from '@drydock/client';
import type { Clock, KubeObject } from '@drydock/util';
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

/** Event writes queued per node before new ones are dropped (client-go's broadcaster bound is 1000). */
const MAX_QUEUED_PER_NODE = 1000;

/**
 * The kubelets' event recording: one @drydock/client EventRecorder per node (source kubelet/<node>,
 * aggregation of repeats into count/lastTimestamp as client-go's correlator), all writing through
 * one client whose create/patch calls take the event slots of the process's limiter, so 1,000
 * nodes cannot open 1,000 parallel writes, and status writes and events never wait for each other
 * (upstream's kubelet gives events a client and rate limit of their own). Never blocks or throws into the pod workers.
 */
export class EventSink {
  private readonly recorders = new Map<string, EventRecorder>();
  private readonly limitedClient: KubeClient;

  constructor(
    client: KubeClient,
    limiter: ApiLimiter,
    private readonly clock: Clock,
    private readonly log: (message: string) => void,
  ) {
    this.limitedClient = {
      ...client,
      create: (ref: ResourceRef, namespace: string, object: KubeObject, options?: DiscardResult) => limiter.run(() => client.create(ref, namespace, object, options as DiscardResult), 'event'),
      patch: (ref: ResourceRef, namespace: string, name: string, patch: unknown, type: PatchType, options?: PatchOptions & DiscardResult) => limiter.run(() => client.patch(ref, namespace, name, patch, type, options as PatchOptions & DiscardResult), 'event'),
      update: (ref: ResourceRef, object: KubeObject, options?: { subresource?: 'status' | 'scale' }) => limiter.run(() => client.update(ref, object, options), 'event'),
    } as KubeClient;
  }

  record(host: string, object: InvolvedObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    let recorder = this.recorders.get(host);
    if (!recorder) {
      recorder = new EventRecorder(this.limitedClient, { component: 'kubelet', host, clock: this.clock, concurrency: 1, maxQueued: MAX_QUEUED_PER_NODE, log: this.log });
      this.recorders.set(host, recorder);
    }
    recorder.event(object, type, reason, message);
  }

  /** Waits for queued events (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.recorders.values()].map((recorder) => recorder.flush()));
  }
}
