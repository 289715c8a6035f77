import { Body, Endpoint, HttpResult, KubeConnection } from './kube-http';
import { Violation } from './history';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One watch event as it arrived: its object's key, uid and revision, and when (performance.now()). */
export interface RecordedEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
  uid: string;
  rv: number;
  at: number;
  object: Body;
}

/**
 * Records every event of a collection (a path such as /api/v1/namespaces/x/configmaps) from a revision
 * on, resuming after each watch ends from the last revision it saw, so that one recorder holds every
 * change of the collection in order: the history the lifecycle checks read.
 */
export class EventRecorder {
  readonly events: RecordedEvent[] = [];
  private stopped = false;
  private readonly connection: KubeConnection;
  private current?: { close(): void };
  private readonly loop: Promise<void>;
  private lastRv: string;
  private failure?: string;

  constructor(endpoint: Endpoint, private readonly path: string, fromRv: string) {
    this.connection = new KubeConnection(endpoint);
    this.lastRv = fromRv;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const separator = this.path.includes('?') ? '&' : '?';
      const watch = this.connection.watch(`${this.path}${separator}watch=true&allowWatchBookmarks=true&timeoutSeconds=30&resourceVersion=${this.lastRv}`, (event) => {
        this.lastRv = event.object?.metadata?.resourceVersion ?? this.lastRv;
        if (event.type === 'ERROR') this.failure = `watch of ${this.path} ended with ${JSON.stringify(event.object).slice(0, 200)}`;
        if (event.type === 'BOOKMARK' || event.type === 'ERROR') return;
        const metadata = event.object.metadata;
        this.events.push({ type: event.type as RecordedEvent['type'], key: `${metadata.namespace ?? ''}/${metadata.name}`, uid: metadata.uid, rv: Number(metadata.resourceVersion), at: performance.now(), object: event.object });
      }, 60_000);
      this.current = watch;
      const ended = await watch.done;
      if (this.failure) return;
      if (ended.status !== 200 && ended.status !== 0 && !this.stopped) {
        this.failure = `watch of ${this.path} from ${this.lastRv} refused: ${ended.status} ${JSON.stringify(ended.body).slice(0, 200)}`;
        return;
      }
      if (ended.status === 0 && !this.stopped) await sleep(200);
    }
  }

  /** Resolves once an event satisfying `match` arrived (or rejects after `timeoutMs`). */
  async waitFor(what: string, match: (events: RecordedEvent[]) => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!match(this.events)) {
      if (this.failure) throw new Error(this.failure);
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(20);
    }
  }

  /** Why the recording broke off (a 410 would mean events were lost to it), if it did. */
  broken(): string | undefined {
    return this.failure;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.close();
    await this.loop;
    this.connection.close();
  }
}

/** The events of one object (by uid), in order. */
export function eventsOf(events: RecordedEvent[], uid: string): RecordedEvent[] {
  return events.filter((event) => event.uid === uid);
}

/**
 * The finalizer invariants of api-conventions, checked on one object's recorded events: once set,
 * deletionTimestamp never goes away nor moves; no finalizer is added after it; the object is deleted
 * once. (The DELETED event carries the last stored state, which upstream too stores with the last
 * finalizer still on: the update that empties them deletes instead.)
 */
export function finalizerViolations(events: RecordedEvent[]): Violation[] {
  const violations: Violation[] = [];
  let deletionTimestamp: string | undefined;
  let finalizers: string[] = [];
  let deletes = 0;
  for (const event of events) {
    const metadata = event.object.metadata;
    const seen = metadata.deletionTimestamp as string | undefined;
    if (deletionTimestamp && seen !== deletionTimestamp) violations.push({ check: 'deletionTimestamp never unset or moved', detail: `${event.key} rv ${event.rv}: ${deletionTimestamp} became ${seen ?? 'unset'}` });
    const now: string[] = metadata.finalizers ?? [];
    if (deletionTimestamp && now.some((finalizer) => !finalizers.includes(finalizer))) violations.push({ check: 'no finalizer added while deleting', detail: `${event.key} rv ${event.rv}: ${JSON.stringify(finalizers)} became ${JSON.stringify(now)}` });
    if (event.type === 'DELETED') deletes++;
    deletionTimestamp ??= seen;
    finalizers = now;
  }
  if (deletes > 1) violations.push({ check: 'deleted once', detail: `${events[0]?.key}: ${deletes} DELETED events` });
  return violations;
}

/** Runs `work` over `items` with at most `width` at a time. */
export async function inParallel<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  }));
  return results;
}

/** Repeats a request while it answers 409 Conflict or a retryable 5xx/429 (as clients' RetryOnConflict). */
export async function retried(send: () => Promise<HttpResult>, attempts = 50): Promise<HttpResult> {
  let result = await send();
  for (let attempt = 1; attempt < attempts && (result.status === 409 || result.status === 429 || result.status >= 500 || result.status <= 0); attempt++) {
    await sleep(10 + Math.random() * 40);
    result = await send();
  }
  return result;
}
