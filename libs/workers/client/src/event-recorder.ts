import { kubeTime } from '@drydock/kube';
import { hostname } from 'node:os';
import { format } from 'node:util';
import { Clock, createClock, KubeObject } from '@drydock/util';
import { ApiError, isAlreadyExists, isNotFound } from './api-error';
import type { KubeClient } from './client.types';
import { CoreEvent, CorrelatedEvent, EventCorrelator, EventCorrelatorOptions, EventType, ObjectReference } from './event-correlator';
import { resources } from './resources';

export interface EventRecorderOptions {
  /** source.component and reportingComponent: `default-scheduler`, `replicaset-controller`, `kubelet`. */
  component: string;
  /** source.host and reportingInstance (default: this machine's hostname; a simulated kubelet passes its node name). */
  host?: string;
  clock?: Clock;
  /** Events waiting to be written beyond which new ones are dropped (default 1000, as upstream's broadcaster). */
  maxQueued?: number;
  /** Parallel writers; writes of one Event stay in order (default 4). */
  concurrency?: number;
  /** Attempts per write on network errors and 5xx (default 3). */
  attempts?: number;
  correlator?: EventCorrelatorOptions;
  log?: (message: string) => void;
}

/**
 * client-go's record.EventRecorder for core/v1 Events. event() never blocks and never throws: the
 * event is correlated at once (repeats within 10 minutes become count/lastTimestamp updates of one
 * Event, see EventCorrelator) and written in the background; when the queue is full, or a write
 * fails for good, the event is dropped and logged, as upstream.
 */
export class EventRecorder {
  private readonly correlator: EventCorrelator;
  private readonly clock: Clock;
  private readonly host: string;
  private readonly log: (message: string) => void;
  private readonly lanes: Promise<void>[];
  private readonly latestWrite = new Map<string, { sequence: number; name: string }>();
  private writes = 0;
  private pending = 0;
  private sequence = 0;
  private closed = false;

  constructor(
    private readonly client: KubeClient,
    private readonly options: EventRecorderOptions,
  ) {
    this.correlator = new EventCorrelator(options.correlator);
    this.clock = options.clock ?? createClock(1);
    this.host = options.host ?? hostname();
    this.log = options.log ?? ((message) => process.stderr.write(`event recorder ${options.component}: ${message}\n`));
    this.lanes = Array.from({ length: Math.max(1, options.concurrency ?? 4) }, () => Promise.resolve());
  }

  /** Records an event about `object` (an object with kind and metadata, or an ObjectReference). */
  event(object: KubeObject | ObjectReference, type: EventType, reason: string, message: string): void {
    try {
      if (this.closed) return;
      if (this.pending >= (this.options.maxQueued ?? 1000)) return this.log(`queue full, dropping event ${reason} for ${describe(object)}`);
      const correlated = this.correlator.correlate(this.makeEvent(referenceOf(object), type, reason, message), Date.now());
      if (!correlated.skip) this.enqueue(correlated);
    } catch (error) {
      this.log(`cannot record event ${reason}: ${(error as Error)?.message ?? error}`);
    }
  }

  /** event() with a printf-style message (`%s`, `%d`, `%v` as `%s`). */
  eventf(object: KubeObject | ObjectReference, type: EventType, reason: string, messageFormat: string, ...args: unknown[]): void {
    this.event(object, type, reason, format(messageFormat.replace(/%v/g, '%s'), ...args));
  }

  /** Resolves once every event recorded so far was written or dropped. */
  async flush(): Promise<void> {
    while (this.pending > 0) await Promise.all(this.lanes);
  }

  /** Stops accepting events and waits for the queued ones. */
  async shutdown(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private makeEvent(ref: ObjectReference, type: EventType, reason: string, message: string): CoreEvent {
    const now = this.clock.now();
    const timestamp = kubeTime(now);
    const nanos = BigInt(now.getTime()) * 1_000_000n + BigInt(this.sequence++ % 1_000_000);
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${ref.name}.${nanos.toString(16)}`, namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message,
      source: { component: this.options.component, host: this.host },
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.options.component,
      reportingInstance: this.host,
    };
  }

  /** Writes of one Event go through one lane, in order; an update superseded by a later update of the same Event is skipped. */
  private enqueue(correlated: CorrelatedEvent): void {
    const lane = hashOf(correlated.key) % this.lanes.length;
    const sequence = ++this.writes;
    const name = correlated.event.metadata.name!;
    this.latestWrite.set(correlated.key, { sequence, name });
    this.pending++;
    this.lanes[lane] = this.lanes[lane].then(async () => {
      try {
        const latest = this.latestWrite.get(correlated.key);
        const superseded = correlated.isUpdate && latest !== undefined && latest.sequence !== sequence && latest.name === name;
        if (!superseded) await this.write(correlated);
      } finally {
        if (this.latestWrite.get(correlated.key)?.sequence === sequence) this.latestWrite.delete(correlated.key);
        this.pending--;
      }
    });
  }

  private async write(correlated: CorrelatedEvent): Promise<void> {
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOnce(correlated);
      } catch (error) {
        if (isAlreadyExists(error)) return;
        const retriable = !(error instanceof ApiError) || error.code >= 500 || error.code === 429;
        if (!retriable || attempt >= attempts) {
          this.correlator.forget(correlated.key);
          return this.log(`dropping event ${correlated.event.reason} for ${describe(correlated.event.involvedObject)}: ${(error as Error)?.message ?? error}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  /** A new Event is created; a repeat patches count, lastTimestamp and message, recreating it if it was deleted. */
  private async writeOnce({ event, isUpdate }: CorrelatedEvent): Promise<void> {
    const { namespace, name } = event.metadata;
    if (isUpdate) {
      try {
        await this.client.patch(resources.events, namespace!, name!, { count: event.count, lastTimestamp: event.lastTimestamp, message: event.message }, 'strategic');
        return;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    await this.client.create(resources.events, namespace!, event);
  }
}

function referenceOf(object: KubeObject | ObjectReference): ObjectReference {
  if (!('metadata' in object) || !object.metadata) return { ...(object as ObjectReference) };
  const { kind, apiVersion, metadata } = object as KubeObject;
  if (!kind || !metadata.name) throw new Error('the object has no kind or name');
  const ref: ObjectReference = { kind, namespace: metadata.namespace, name: metadata.name, uid: metadata.uid, apiVersion, resourceVersion: metadata.resourceVersion };
  for (const key of Object.keys(ref) as (keyof ObjectReference)[]) if (ref[key] === undefined) delete ref[key];
  return ref;
}

function describe(object: KubeObject | ObjectReference): string {
  const meta = 'metadata' in object && object.metadata ? object.metadata : (object as ObjectReference);
  return `${(object as { kind?: string }).kind ?? 'object'} ${meta.namespace ? `${meta.namespace}/` : ''}${meta.name}`;
}

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash;
}
