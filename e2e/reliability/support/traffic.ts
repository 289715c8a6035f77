import { Body, Endpoint, HttpResult, KubeConnection } from './kube-http';
import { EventType, History, ObjectState, Operation, Outcome, WatchSegment } from './history';

/** etcd's Kubernetes traffic, scaled to this machine: readers list then watch, writers mostly update. */
export interface TrafficOptions {
  namespace: string;
  /** Clients are spread round-robin over these API servers. */
  endpoints: Endpoint[];
  writers: number;
  readers: number;
  keys: number;
  /** A writer's pause between requests (keeps two cores for the servers). */
  pauseMs: number;
  /** Every request gives up after this long (recorded as unknown; see the never-hangs check). */
  requestTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stateOf(object: Body): ObjectState {
  return { key: object.metadata.name, rv: Number(object.metadata.resourceVersion), value: object.data?.v ?? '' };
}

/** A 2xx happened; 409, 404 and 422 definitely did not; anything else (5xx, 429, no answer) may have. */
function outcomeOf(result: HttpResult): Outcome {
  if (result.status >= 200 && result.status < 300) return 'ok';
  if ([404, 409, 422].includes(result.status)) return 'failed';
  return 'unknown';
}

/** Runs readers and writers until stop(); everything they send, receive and see is in `history`. */
export class Traffic {
  readonly history: History = { operations: [], segments: [] };
  private stopped = false;
  private readonly running: Promise<void>[] = [];
  private readonly connections: KubeConnection[] = [];
  private readonly closers = new Set<() => void>();
  /** The revision each key was last seen at, shared by the writers (their compare-and-swap base). */
  private readonly lastSeen = new Map<string, number>();
  private readonly origin = performance.now();

  constructor(readonly options: TrafficOptions) {}

  get keys(): string[] {
    return Array.from({ length: this.options.keys }, (_, i) => `key-${i}`);
  }

  now(): number {
    return performance.now() - this.origin;
  }

  private connection(index: number): KubeConnection {
    const connection = new KubeConnection(this.options.endpoints[index % this.options.endpoints.length]);
    this.connections.push(connection);
    return connection;
  }

  private get base(): string {
    return `/api/v1/namespaces/${this.options.namespace}/configmaps`;
  }

  /** Creates the namespace and the keys (outside the recorded history), then starts the clients. */
  async start(): Promise<void> {
    const setup = this.connection(0);
    await setup.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: this.options.namespace } });
    for (const key of this.keys) {
      const created = await setup.request('POST', this.base, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: key }, data: { v: `setup-${key}` } });
      if (created.status !== 201) throw new Error(`setup of ${key}: ${created.status} ${JSON.stringify(created.body)}`);
      this.lastSeen.set(key, Number(created.body.metadata.resourceVersion));
      this.history.operations.push({ client: 'setup', server: setup.endpoint.server, verb: 'create', key, start: this.now(), end: this.now(), status: 201, outcome: 'ok', value: `setup-${key}`, rv: this.lastSeen.get(key) });
    }
    for (let i = 0; i < this.options.readers; i++) this.running.push(this.reader(`reader-${i}`, this.connection(i), i % 2 === 1));
    for (let i = 0; i < this.options.writers; i++) this.running.push(this.writer(`writer-${i}`, this.connection(i + 1)));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const close of this.closers) close();
    await Promise.all(this.running);
    for (const connection of this.connections) connection.close();
  }

  /** Records one request; `describe` fills the verb-specific fields from the response. */
  private async record(connection: KubeConnection, client: string, op: Pick<Operation, 'verb' | 'key' | 'value' | 'expectedRv'>, method: string, path: string, body: unknown, describe: (result: HttpResult, op: Operation) => void): Promise<Operation> {
    const start = this.now();
    const result = await connection.request(method, path, body, this.options.requestTimeoutMs);
    const recorded: Operation = { ...op, client, server: connection.endpoint.server, start, end: this.now(), status: result.status, outcome: outcomeOf(result), reason: result.body?.reason ?? result.error, retryAfter: result.retryAfter };
    if (recorded.outcome === 'ok') describe(result, recorded);
    this.history.operations.push(recorded);
    return recorded;
  }

  private async writer(client: string, connection: KubeConnection): Promise<void> {
    let sequence = 0;
    while (!this.stopped) {
      const key = this.keys[Math.floor(Math.random() * this.keys.length)];
      const value = `${client}-${++sequence}`;
      const roll = Math.random();
      const path = `${this.base}/${key}`;
      const seen = (result: HttpResult, op: Operation) => {
        op.rv = Number(result.body.metadata.resourceVersion);
        this.lastSeen.set(key, Math.max(this.lastSeen.get(key) ?? 0, op.rv));
      };
      if (roll < 0.15) {
        await this.record(connection, client, { verb: 'get', key }, 'GET', path, undefined, (result, op) => {
          seen(result, op);
          op.read = stateOf(result.body);
        });
      } else if (roll < 0.915) {
        // Kubernetes' updates: mostly conditioned on the revision last read, some unconditional (as helm's).
        const expectedRv = Math.random() < 0.7 ? this.lastSeen.get(key) : undefined;
        const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: key, ...(expectedRv ? { resourceVersion: String(expectedRv) } : {}) }, data: { v: value } };
        await this.record(connection, client, { verb: 'update', key, value, expectedRv }, 'PUT', path, body, seen);
      } else if (roll < 0.96) {
        await this.record(connection, client, { verb: 'create', key, value }, 'POST', this.base, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: key }, data: { v: value } }, seen);
      } else {
        await this.record(connection, client, { verb: 'delete', key }, 'DELETE', path, undefined, (result, op) => {
          op.value = result.body?.data?.v;
        });
      }
      await sleep(this.options.pauseMs);
    }
  }

  /**
   * An informer: list (or a sendInitialEvents watch), then watch from its revision with bookmarks,
   * resuming from the last revision seen whenever a watch ends, until a 410 starts a new chain.
   */
  private async reader(client: string, connection: KubeConnection, streaming: boolean): Promise<void> {
    while (!this.stopped) {
      const segment: WatchSegment = { client, server: connection.endpoint.server, startRv: 0, initial: [], streamed: streaming, events: [], bookmarks: [], resumes: 0 };
      if (!streaming) {
        const list = await this.record(connection, client, { verb: 'list' }, 'GET', this.base, undefined, (result, op) => {
          op.rv = Number(result.body.metadata.resourceVersion);
          op.items = result.body.items.map(stateOf);
        });
        if (list.outcome !== 'ok') {
          await sleep(200);
          continue;
        }
        segment.startRv = list.rv!;
        segment.initial = list.items!;
      }
      this.history.segments.push(segment);
      let last = segment.startRv;
      let first = true;
      while (!this.stopped) {
        const query = first && streaming ? 'sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true' : `resourceVersion=${last}&allowWatchBookmarks=true`;
        const seconds = 1 + Math.floor(Math.random() * 3);
        let expired = false;
        let initialDone = !(first && streaming);
        const watch = connection.watch(`${this.base}?watch=1&${query}&timeoutSeconds=${seconds}`, (event) => {
          const at = this.now();
          if (event.type === 'ERROR') {
            expired = event.object?.code === 410;
            return;
          }
          const rv = Number(event.object.metadata.resourceVersion);
          if (event.type === 'BOOKMARK') {
            if (!initialDone && event.object.metadata.annotations?.['k8s.io/initial-events-end'] === 'true') {
              initialDone = true;
              segment.startRv = rv;
            } else segment.bookmarks.push({ rv, afterEvents: segment.events.length });
            last = Math.max(last, rv);
            return;
          }
          if (!initialDone) {
            segment.initial.push(stateOf(event.object));
            return;
          }
          segment.events.push({ type: event.type as EventType, key: event.object.metadata.name, rv, value: event.object.data?.v ?? '', at });
          last = rv;
        }, seconds * 1000 + 10_000);
        this.closers.add(watch.close);
        const ended = await watch.done;
        this.closers.delete(watch.close);
        if (this.stopped) break;
        if (expired || ended.status === 410) {
          segment.end = 'expired';
          break;
        }
        if (first && streaming && !initialDone) {
          // The initial events did not finish: this chain never started.
          segment.end = 'unreachable';
          await sleep(200);
          break;
        }
        // As a reflector: a watch that ended, or could not be opened, is resumed from the last revision.
        if (ended.status !== 200) await sleep(200);
        first = false;
        segment.resumes += 1;
      }
      segment.end ??= 'stopped';
    }
  }
}
