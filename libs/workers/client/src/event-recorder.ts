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
  /**
   * Writes waiting beyond which whenRoom() waits (default 1000, upstream's broadcaster queue). Nothing
   * is dropped past it: a producer that can wait (the scheduler's loop) waits, others queue on.
   */
  maxQueued?: number;
  /** Writes in flight at once; writes of one Event stay in order (default 4). */
  concurrency?: number;
  /** Attempts per write on network errors and 5xx (default 3). */
  attempts?: number;
  correlator?: EventCorrelatorOptions;
  log?: (message: string) => void;
}

/** One Event's next write: a create, or a patch of its count, lastTimestamp and message. */
interface PendingWrite {
  correlated: CorrelatedEvent;
}

/**
 * client-go's record.EventRecorder for core/v1 Events. event() never blocks and never throws: the
 * event is correlated at once (repeats within 10 minutes become count/lastTimestamp updates of one
 * Event, see EventCorrelator) and written in the background by at most `concurrency` requests at
 * once. Nothing is dropped for want of room: writes waiting for the same Event merge into one
 * (a create followed by repeats is one create with the latest count, as upstream's EventSeries is
 * one write for many occurrences), so the backlog is bounded by the Events, not the occurrences;
 * whenRoom() lets a producer that can wait apply back-pressure. Only a write the API server refuses
 * for good (or after `attempts` transient failures) is dropped and logged, as upstream.
 */
export class EventRecorder {
  private readonly correlator: EventCorrelator;
  private readonly clock: Clock;
  private readonly host: string;
  private readonly log: (message: string) => void;
  private readonly concurrency: number;
  private readonly maxQueued: number;
  /** Writes not started, by Event (correlation key and name), in arrival order. */
  private readonly waiting = new Map<string, PendingWrite>();
  /** Events with a write in flight: their next write waits for it. */
  private readonly inFlight = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  private roomWaiters: (() => void)[] = [];
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
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxQueued = Math.max(1, options.maxQueued ?? 1000);
  }

  /** Records an event about `object` (an object with kind and metadata, or an ObjectReference). */
  event(object: KubeObject | ObjectReference, type: EventType, reason: string, message: string): void {
    try {
      if (this.closed) return;
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

  /** Writes waiting or in flight. */
  get backlog(): number {
    return this.waiting.size + this.inFlight.size;
  }

  /** Resolves at once while the backlog is below maxQueued, else once it is. */
  whenRoom(): Promise<void> {
    if (this.backlog < this.maxQueued) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Resolves once every event recorded so far was written or dropped. */
  flush(): Promise<void> {
    if (this.backlog === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
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

  /**
   * Queues the write, or merges it into the Event's write that has not started: the later occurrence
   * carries the running count, lastTimestamp and message, and a create stays a create.
   */
  private enqueue(correlated: CorrelatedEvent): void {
    const id = `${correlated.key}\u0000${correlated.event.metadata.name}`;
    const queued = this.waiting.get(id);
    if (queued) queued.correlated = { ...correlated, isUpdate: queued.correlated.isUpdate && correlated.isUpdate };
    else this.waiting.set(id, { correlated });
    this.pump();
  }

  /** Starts waiting writes, oldest first, up to `concurrency`, one per Event at a time. */
  private pump(): void {
    if (this.inFlight.size >= this.concurrency) return;
    for (const [id, { correlated }] of this.waiting) {
      if (this.inFlight.has(id)) continue;
      this.waiting.delete(id);
      this.inFlight.add(id);
      void this.write(correlated).finally(() => this.finished(id));
      if (this.inFlight.size >= this.concurrency) return;
    }
  }

  private finished(id: string): void {
    this.inFlight.delete(id);
    this.pump();
    if (this.backlog < this.maxQueued) for (const resolve of this.roomWaiters.splice(0)) resolve();
    if (this.backlog === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
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
        await this.client.patch(resources.events, namespace!, name!, { count: event.count, lastTimestamp: event.lastTimestamp, message: event.message }, 'strategic', { discardResult: true });
        return;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    await this.client.create(resources.events, namespace!, event, { discardResult: true });
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

