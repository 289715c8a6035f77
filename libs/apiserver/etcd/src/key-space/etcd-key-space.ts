import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { etcdKeyOf, etcdPrefixOf } from '@drydock/kube';
import { ALL_RESOURCES, type ChangeEvent, type ObjectKey, type PostgresObjectStore, StoreError, type WatchHandle, type WatchHub } from '@drydock/storage';
import type { KubeObject } from '@drydock/util';
import { inRange, type KeyRange, type KeyValue } from './key-range';
import { KeySpaceTransaction } from './key-space.transaction';
import { decodeStoredValue, encodeStoredValue } from './value-codec';

/** A resource the store keeps, as the etcd key space needs it. */
export interface StoredResourceInfo {
  /** The store's name: `pods`, `deployments.apps`. */
  resource: string;
  namespaced: boolean;
}

/** Thrown for a revision the store cannot read at (etcd's mvcc errors). */
export class RevisionError extends Error {
  constructor(readonly compacted: boolean, readonly compactRevision: number) {
    super(compacted ? 'etcdserver: mvcc: required revision has been compacted' : 'etcdserver: mvcc: required revision is a future revision');
  }
}

/**
 * Keys that are no Kubernetes object (`etcdctl put foo bar`, or a key under no resource's prefix) are
 * kept in the store as objects of this pseudo-resource, which no API serves (a leading dash is no
 * valid resource name), named by the key, holding the value in base64.
 */
export const RAW_KEYS_RESOURCE = '-etcd-keys';

/** Whether any key starting with `prefix` can fall in the range. */
function prefixOverlaps(prefix: Buffer, range: KeyRange): boolean {
  if (!range.rangeEnd || range.rangeEnd.length === 0) return range.key.subarray(0, prefix.length).equals(prefix);
  const end = Buffer.from(prefix);
  end[end.length - 1]++;
  const endsBefore = Buffer.compare(end, range.key) <= 0;
  const startsAfter = !(range.rangeEnd.length === 1 && range.rangeEnd[0] === 0) && Buffer.compare(prefix, range.rangeEnd) >= 0;
  return !endsBefore && !startsAfter;
}

/**
 * Drydock's store seen as etcd's key space (as kine serves etcd's API over SQL): every object of one
 * logical cluster under kube-apiserver's key (`/registry/pods/<ns>/<name>`), its value as
 * kube-apiserver would have stored it, the store's resourceVersions as revisions. Reads come from the
 * API server's watch cache after it has caught up with the store; writes go through the store, so the
 * API server's watches see them.
 */
export class EtcdKeySpace {
  constructor(
    private readonly store: PostgresObjectStore,
    private readonly hub: WatchHub,
    private readonly resources: () => StoredResourceInfo[],
    readonly cluster = 'default',
  ) {}

  /** The write transaction running now (they run one at a time). */
  private writing: Promise<unknown> = Promise.resolve();

  get revision(): number {
    return this.hub.revision;
  }

  get compactRevision(): number {
    return this.hub.oldestRevision;
  }

  /** Waits for the cache to hold every committed write (etcd's linearizable read). */
  async catchUp(): Promise<void> {
    await this.hub.waitForLatest(10_000);
  }

  /** The keys in `range` at `revision` (0: now), sorted bytewise. */
  range(range: KeyRange, revision = 0): KeyValue[] {
    const at = revision > 0 ? revision : this.hub.revision;
    if (at > this.hub.revision) throw new RevisionError(false, 0);
    if (!range.rangeEnd?.length && at === this.hub.revision) return this.currentKey(range.key);
    const result: KeyValue[] = [];
    for (const info of this.candidates(range)) {
      const objects = this.hub.listAt({ cluster: this.cluster, resource: info.resource }, at);
      if (!objects) throw new RevisionError(true, this.hub.oldestRevision);
      for (const object of objects) {
        const key = this.keyOf(info, object);
        if (inRange(key, range)) result.push({ key, value: this.valueOf(info, object), modRevision: Number(object.metadata.resourceVersion ?? 0) });
      }
    }
    return result.sort((a, b) => Buffer.compare(a.key, b.key));
  }

  /**
   * The keys in `range` now, as range() reads them, for a whole key space (a snapshot, a hash): the
   * objects are taken at one revision in one go, then their values encoded a slice of SLICE_MS at a
   * time with the event loop let run between slices, so the API server goes on answering meanwhile.
   */
  async rangeInSlices(range: KeyRange): Promise<{ revision: number; kvs: KeyValue[] }> {
    const revision = this.hub.revision;
    const entries: Array<{ info: StoredResourceInfo; object: KubeObject }> = [];
    for (const info of this.candidates(range)) {
      // The cache replaces an object on change and never mutates it: the references stay as they were at `revision`.
      for (const object of this.hub.listAt({ cluster: this.cluster, resource: info.resource }, revision) ?? []) entries.push({ info, object });
    }
    const kvs: KeyValue[] = [];
    let sliceStart = performance.now();
    for (const { info, object } of entries) {
      const key = this.keyOf(info, object);
      if (inRange(key, range)) kvs.push({ key, value: this.valueOf(info, object), modRevision: Number(object.metadata.resourceVersion ?? 0) });
      if (performance.now() - sliceStart >= SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    return { revision, kvs: kvs.sort((a, b) => Buffer.compare(a.key, b.key)) };
  }

  /**
   * Evaluates `body` on the key space as it is now (after catching up with the store, unless
   * `serializable`: etcd's serializable read, from the cache as it is), in one go: one revision.
   */
  async read<T>(body: (view: KeySpaceTransaction) => T, options: { serializable?: boolean } = {}): Promise<T> {
    if (!options.serializable) await this.catchUp();
    return body(new KeySpaceTransaction(this, this.hub.revision, false));
  }

  /**
   * Evaluates `body` and commits its writes as one store transaction that holds the store's revision
   * counter (PostgresObjectStore.exclusive): no write of the API servers commits between the reads the
   * body made (the compares of a Txn) and its writes, and its writes commit together or not at all, as
   * etcd applies a Txn. One at a time per key space, so waiting writes do not hold pool connections.
   */
  write<T>(body: (transaction: KeySpaceTransaction) => T): Promise<T> {
    const result = this.writing.catch(() => undefined).then(() => this.store.exclusive(async ({ revision, write }) => {
      if (!(await this.hub.waitForRevision(revision, CATCH_UP_MS))) throw new Error(`the watch cache did not reach revision ${revision} within ${CATCH_UP_MS} ms`);
      const transaction = new KeySpaceTransaction(this, revision, true);
      const answer = body(transaction);
      const stored = await write(transaction.ops);
      const last = stored.length ? revisionOf(stored[stored.length - 1]) : revision;
      if (last !== transaction.revision) throw new Error(`the store wrote up to revision ${last}, the transaction expected ${transaction.revision}`);
      return answer;
    }));
    this.writing = result.catch(() => undefined);
    return result;
  }

  /** One key now, looked up by its object's key (a range of one key needs no scan of its resource). */
  private currentKey(key: Buffer): KeyValue[] {
    const located = this.locate(key);
    const object = this.hub.cached(located);
    if (!object) return [];
    const info = located.resource === RAW_KEYS_RESOURCE ? RAW_INFO : this.catalog().find((candidate) => candidate.resource === located.resource)!;
    return this.keyOf(info, object).equals(key) ? [{ key, value: this.valueOf(info, object), modRevision: Number(object.metadata.resourceVersion ?? 0) }] : [];
  }

  /** Writes one key through the store; returns the revision of the write. */
  put(key: Buffer, value: Buffer): Promise<number> {
    return this.write((transaction) => transaction.put(key, value).revision);
  }

  /** Deletes the keys of `range` in one store transaction; returns them (with their last values) and the revision after. */
  deleteRange(range: KeyRange): Promise<{ deleted: KeyValue[]; revision: number }> {
    return this.write((transaction) => transaction.deleteRange(range));
  }

  /**
   * The object a value written under `located` is stored as: the decoded object (protobuf or JSON) named
   * after the key, or a raw key's value in base64. Throws UndecodableValueError for bytes that are no object.
   */
  objectFor(located: ObjectKey, value: Buffer): KubeObject {
    const object = located.resource === RAW_KEYS_RESOURCE ? { metadata: { name: located.name }, value: value.toString('base64') } : decodeStoredValue(value);
    object.metadata = { ...(object.metadata ?? {}), name: object.metadata?.name ?? located.name };
    if (located.namespace) object.metadata.namespace ??= located.namespace;
    delete object.metadata.resourceVersion;
    return object;
  }

  /** The cache's object under a key, or undefined. */
  cachedObject(key: ObjectKey): KubeObject | undefined {
    return this.hub.cached(key);
  }

  /**
   * Streams the changes of `range` with revision >= startRevision (0: from the next write) as etcd
   * events. Throws RevisionError when startRevision is older than the watch cache holds.
   */
  watch(range: KeyRange, startRevision: number, listener: (events: KeyEvent[]) => void): WatchHandle {
    const from = startRevision > 0 ? startRevision - 1 : this.hub.revision;
    const infos = new Map(this.catalog().map((info) => [info.resource, info]));
    try {
      return this.hub.watch({ cluster: this.cluster, resource: ALL_RESOURCES }, from, (events) => {
        const matching = events.map((event) => this.keyEvent(infos, event)).filter((event): event is KeyEvent => !!event && inRange(event.kv.key, range));
        if (matching.length > 0) listener(matching);
      });
    } catch (error) {
      if (error instanceof StoreError && error.code === 'Compacted') throw new RevisionError(true, this.hub.oldestRevision);
      throw error;
    }
  }

  private keyEvent(infos: Map<string, StoredResourceInfo>, event: ChangeEvent): KeyEvent | undefined {
    const info = infos.get(event.key.resource) ?? (event.key.resource === RAW_KEYS_RESOURCE ? RAW_INFO : undefined);
    if (!info) return undefined;
    const key = this.keyOf(info, event.object);
    const kv = { key, value: event.type === 'DELETED' ? Buffer.alloc(0) : this.valueOf(info, event.object), modRevision: event.revision };
    const previous = event.previous ? { key, value: this.valueOf(info, event.previous), modRevision: Number(event.previous.metadata.resourceVersion ?? 0) } : undefined;
    return { type: event.type === 'DELETED' ? 'DELETE' : 'PUT', kv, previous };
  }

  /** Where a key lives in the store: an object of the resource whose prefix it falls under, or a raw key. */
  locate(key: Buffer): ObjectKey {
    const text = key.toString('utf8');
    for (const info of this.catalog()) {
      const prefix = `${etcdPrefixOf(info.resource)}/`;
      if (!text.startsWith(prefix)) continue;
      const parts = text.slice(prefix.length).split('/');
      if (info.namespaced && parts.length === 2 && parts[0] && parts[1]) return { cluster: this.cluster, resource: info.resource, namespace: parts[0], name: parts[1] };
      if (!info.namespaced && parts.length === 1 && parts[0]) return { cluster: this.cluster, resource: info.resource, namespace: '', name: parts[0] };
    }
    return { cluster: this.cluster, resource: RAW_KEYS_RESOURCE, namespace: '', name: text };
  }

  /** Every resource the store holds objects of, longest prefix first (so `services/endpoints` wins over `services`). */
  private catalog(): StoredResourceInfo[] {
    const known = new Map(this.resources().map((info) => [info.resource, info]));
    for (const resource of this.hub.resourceNames(this.cluster)) {
      if (!known.has(resource) && resource !== RAW_KEYS_RESOURCE) known.set(resource, { resource, namespaced: true });
    }
    return [...known.values()].sort((a, b) => etcdPrefixOf(b.resource).length - etcdPrefixOf(a.resource).length);
  }

  private candidates(range: KeyRange): StoredResourceInfo[] {
    const infos = this.catalog().filter((info) => prefixOverlaps(Buffer.from(`${etcdPrefixOf(info.resource)}/`), range));
    return [...infos, RAW_INFO];
  }

  private keyOf(info: StoredResourceInfo, object: KubeObject): Buffer {
    if (info.resource === RAW_KEYS_RESOURCE) return Buffer.from(object.metadata.name ?? '');
    return Buffer.from(etcdKeyOf(info.resource, object.metadata.namespace ?? '', object.metadata.name ?? ''));
  }

  private valueOf(info: StoredResourceInfo, object: KubeObject): Buffer {
    if (info.resource === RAW_KEYS_RESOURCE) return Buffer.from(String(object['value'] ?? ''), 'base64');
    return encodeStoredValue(object);
  }
}

/** The longest the encoding of a snapshot's values holds the event loop at a time. */
export const SLICE_MS = 10;

/** How long a write waits for the watch cache to reach the revision it holds the store at. */
const CATCH_UP_MS = 5_000;

const RAW_INFO: StoredResourceInfo = { resource: RAW_KEYS_RESOURCE, namespaced: false };

export interface KeyEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  previous?: KeyValue;
}

function revisionOf(object: KubeObject): number {
  return Number(object.metadata.resourceVersion ?? 0);
}

