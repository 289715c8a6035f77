import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '@drydock/util';
import { StatusError, withLogicalCluster } from '@drydock/util';
import { ALL_CLUSTERS, ChangeEvent, CollectionKey, StoreError } from '@drydock/storage';
import { ResourceDefinition, apiVersionOf } from '@drydock/registry';
import type { Selection } from '../rest/selection';
import { IncludeObject, toTable } from '../rest/table-convertor';
import { tooLargeResourceVersion, WatchParams } from './watch-params';
import type { WatchSource } from './watch-source';

export interface WatchRequest {
  def: ResourceDefinition;
  collection: CollectionKey;
  selection: Selection;
  params: WatchParams;
  table?: { include: IncludeObject };
  /** The store's latest committed revision: a watch without a resourceVersion starts from it (a consistent read). */
  latestRevision?: () => Promise<number>;
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/**
 * How often a watcher that allows bookmarks gets one: upstream's cacher sends them roughly every minute
 * (defaultBookmarkFrequency) and 2 s before the watch's deadline (cacheWatcher.nextBookmarkTime).
 * DRYDOCK_WATCH_BOOKMARK_INTERVAL_SECONDS shortens the period for tests, whose watches last seconds.
 */
export const bookmarkIntervalMs = Number(process.env.DRYDOCK_WATCH_BOOKMARK_INTERVAL_SECONDS ?? 60) * 1000;
const bookmarkBeforeDeadlineMs = 2_000;
/**
 * A watcher that does not read: once this much waits for it (written after its socket stopped taking
 * data) the watch is cut, as upstream's cacher closes a watcher whose buffer stays full ("Forcing ...
 * watcher close due to unresponsiveness"), so one slow client cannot grow the server's memory without
 * bound. The client sees the stream end and watches again from its last resourceVersion.
 */
export const slowWatcherBufferBytes = 16 * 1024 * 1024;
const futureRevisionWaitMs = 3_000;

/**
 * Streams a watch as newline-delimited JSON events (upstream's watch protocol, see kubectl-compat §8):
 * optional initial ADDED events from the cache snapshot, an initial-events-end bookmark when asked,
 * then every change after the start revision that matches the selectors, in order, exactly once.
 */
const watchHeaders = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' };

export async function serveWatch(req: IncomingMessage, res: ServerResponse, source: WatchSource, request: WatchRequest): Promise<void> {
  const { def, params } = request;
  // A watch of every cluster tags each event's object with its cluster; it starts from a list's resourceVersion.
  const allClusters = request.collection.cluster === ALL_CLUSTERS;
  if (allClusters && params.sendInitialEvents) throw StatusError.badRequest('a watch of every cluster starts from a resourceVersion: list first, then watch from the list\'s');
  // A watch without a resourceVersion starts at the most recent state: as upstream's cacher
  // (getWatchCacheResourceVersion → getCurrentResourceVersionFromStorage), it waits until the cache holds
  // everything committed before the request, so a write the client saw answered is among its initial
  // ADDED events (resourceVersion=0 is "any": what the cache holds).
  const wanted = params.fromRevision ?? (params.mostRecent && request.latestRevision ? await request.latestRevision() : undefined);
  if (wanted !== undefined && wanted > source.revision) {
    if (!(await source.waitForRevision(wanted, futureRevisionWaitMs))) {
      throw tooLargeResourceVersion(wanted, source.revision);
    }
  }
  const encoder = new EventEncoder(def, request.table);
  let startRevision: number;
  let initial: KubeObject[] = [];
  if (params.sendInitialEvents) {
    const snapshot = source.snapshot(request.collection);
    startRevision = snapshot.revision;
    initial = snapshot.items.filter((o) => request.selection.matches(o));
  } else {
    startRevision = params.fromRevision ?? source.revision;
  }
  // Events that arrive before the initial state is written wait here, then go out in order.
  const pending: ChangeEvent[][] = [];
  const live: { write?: (events: ChangeEvent[]) => void } = {};
  let subscription: { close(): void };
  try {
    subscription = source.watch(
      request.collection,
      startRevision,
      (events) => (live.write ? live.write(events) : pending.push(events)),
      (error) => {
        // The watcher fell out of the cache's window: tell the client to relist, as upstream's cacher does.
        res.write(JSON.stringify({ type: 'ERROR', object: StatusError.expired(error.message).toStatus() }) + '\n');
        res.end();
      },
    );
  } catch (error) {
    if (!(error instanceof StoreError && error.code === 'Compacted')) throw error;
    // Past authorization and a parsed resourceVersion, upstream's cacher answers 200 with one ERROR
    // event (newErrWatcher), which is what client libraries resume from (the Python client retries once).
    res.writeHead(200, watchHeaders);
    res.end(`${JSON.stringify({ type: 'ERROR', object: StatusError.expired(`too old resource version: ${startRevision} (${source.revision})`).toStatus() })}\n`);
    return;
  }
  res.writeHead(200, watchHeaders);
  res.flushHeaders();
  let lastRevision = startRevision;
  let waiting = 0;
  res.on('drain', () => (waiting = 0));
  const send = (lines: string[]) => {
    if (!lines.length || res.destroyed) return;
    const chunk = lines.join('');
    if (!res.write(chunk)) waiting += Buffer.byteLength(chunk);
    if (waiting > slowWatcherBufferBytes) res.destroy();
  };
  send(initial.map((o) => encoder.encode('ADDED', o)));
  if (params.sendInitialEvents && params.bookmarks) send([encoder.bookmark(String(startRevision), true)]);
  live.write = (batches) => {
    const lines: string[] = [];
    for (const event of batches) {
      lastRevision = event.revision;
      const type = transition(event, request.selection);
      if (type) lines.push(encoder.encode(type, event.object, allClusters ? event.key.cluster : undefined));
    }
    send(lines);
  };
  for (const batch of pending.splice(0)) live.write(batch);
  await new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(timeout);
      clearInterval(bookmarks);
      clearTimeout(lastBookmark);
      subscription.close();
      resolve();
    };
    const timeout = setTimeout(() => {
      finish();
      res.end();
    }, params.timeoutMs);
    // Every change up to the source's revision has been handed to this watcher: a bookmark there is never early.
    const bookmark = () => params.bookmarks && send([encoder.bookmark(String(Math.max(lastRevision, source.revision)), false)]);
    const bookmarks = setInterval(bookmark, bookmarkIntervalMs);
    const lastBookmark = params.timeoutMs > bookmarkBeforeDeadlineMs ? setTimeout(bookmark, params.timeoutMs - bookmarkBeforeDeadlineMs) : undefined;
    req.on('close', finish);
    res.on('close', finish);
  });
}

/** How a change looks through a selector: objects entering it are ADDED, objects leaving it DELETED. */
function transition(event: ChangeEvent, selection: Selection): WatchEventType | undefined {
  const now = selection.matches(event.object);
  if (event.type === 'ADDED') return now ? 'ADDED' : undefined;
  const before = event.previous ? selection.matches(event.previous) : now;
  if (event.type === 'DELETED') return before || now ? 'DELETED' : undefined;
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  return before ? 'DELETED' : undefined;
}

/**
 * One watch event line per (object, type), shared by every watcher the event reaches in the same turn of the
 * event loop: the watch cache hands each event to all its watchers at once (microtasks of one apply), so the
 * serialisation is done once, not once per watcher (as upstream's cachingObject, which lives for one dispatch).
 * The lines are dropped after that turn: the cache's event window holds its objects for 75 s or more, and
 * keeping every event's encodings as long (its JSON, a line per watch kind) cost more than the objects
 * themselves. A watcher that starts from the window later encodes its events again.
 */
class TurnLines {
  private lines = new Map<object, Partial<Record<WatchEventType, string>>>();
  private tagged = new Map<object, Partial<Record<WatchEventType, string>>>();
  private clearing = false;

  line(type: WatchEventType, object: KubeObject): string {
    const lines = this.entry(this.lines, object);
    return (lines[type] ??= `{"type":"${type}","object":${JSON.stringify(object)}}\n`);
  }

  /** The same for watches of every cluster, whose lines carry the object's cluster (the workers' informers share them). */
  taggedLine(type: WatchEventType, object: KubeObject, cluster: string): string {
    const lines = this.entry(this.tagged, object);
    return (lines[type] ??= `{"type":"${type}","object":${JSON.stringify(withLogicalCluster(object, cluster))}}\n`);
  }

  /** How many objects have lines now (for the specs). */
  get size(): number {
    return this.lines.size + this.tagged.size;
  }

  private entry(map: Map<object, Partial<Record<WatchEventType, string>>>, object: object): Partial<Record<WatchEventType, string>> {
    let lines = map.get(object);
    if (!lines) {
      map.set(object, (lines = {}));
      if (!this.clearing) {
        this.clearing = true;
        setImmediate(() => {
          this.lines = new Map();
          this.tagged = new Map();
          this.clearing = false;
        });
      }
    }
    return lines;
  }
}

export const turnLines = new TurnLines();

/** Encodes events as objects or as one-row Tables (columns only in the first, as upstream). */
class EventEncoder {
  private sentColumns = false;

  constructor(
    private readonly def: ResourceDefinition,
    private readonly table?: { include: IncludeObject },
  ) {}

  /** `cluster`: the object's cluster, for a watch of every cluster (the annotation drydock.dev/cluster). */
  encode(type: WatchEventType, object: KubeObject, cluster?: string): string {
    if (!this.table && object.apiVersion && object.kind) return cluster === undefined ? turnLines.line(type, object) : turnLines.taggedLine(type, object, cluster);
    const own = cluster === undefined ? object : withLogicalCluster(object, cluster);
    const typed = own.apiVersion && own.kind ? own : { apiVersion: apiVersionOf(this.def), kind: this.def.kind, ...own };
    if (!this.table) return JSON.stringify({ type, object: typed }) + '\n';
    const table = toTable(this.def, [typed], { include: this.table.include, resourceVersion: typed.metadata.resourceVersion, noHeaders: this.sentColumns });
    this.sentColumns = true;
    return JSON.stringify({ type, object: table }) + '\n';
  }

  bookmark(resourceVersion: string, initialEventsEnd: boolean): string {
    const metadata: Record<string, unknown> = { resourceVersion };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    return JSON.stringify({ type: 'BOOKMARK', object: { kind: this.def.kind, apiVersion: apiVersionOf(this.def), metadata } }) + '\n';
  }
}
