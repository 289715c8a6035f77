import { etcdKeyOf, etcdPrefixOf } from '@drydock/kube';
import { ALL_RESOURCES, type ChangeEvent, type ObjectKey, type ObjectStore, StoreError, type WatchHandle, type WatchHub } from '@drydock/storage';
import type { KubeObject } from '@drydock/util';
import { decodeStoredValue, encodeStoredValue } from './value-codec';

/** A resource the store keeps, as the etcd key space needs it. */
export interface StoredResourceInfo {
  /** The store's name: `pods`, `deployments.apps`. */
  resource: string;
  namespaced: boolean;
}

/** One key and its value at a revision (mvccpb.KeyValue's content). */
export interface KeyValue {
  key: Buffer;
  value: Buffer;
  modRevision: number;
}

/** Keys [key, rangeEnd) as etcd reads a range: no end = the key alone, end `\0` = every key from `key` on. */
export interface KeyRange {
  key: Buffer;
  rangeEnd?: Buffer;
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

export function inRange(key: Buffer, range: KeyRange): boolean {
  if (!range.rangeEnd || range.rangeEnd.length === 0) return key.equals(range.key);
  if (Buffer.compare(key, range.key) < 0) return false;
  return (range.rangeEnd.length === 1 && range.rangeEnd[0] === 0) || Buffer.compare(key, range.rangeEnd) < 0;
}

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
    private readonly store: ObjectStore,
    private readonly hub: WatchHub,
    private readonly resources: () => StoredResourceInfo[],
    readonly cluster = 'default',
  ) {}

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

  /** Writes one key through the store; returns the revision of the write. */
  async put(key: Buffer, value: Buffer): Promise<number> {
    return (await this.putIf(key, value, undefined))!;
  }

  /**
   * A put that holds only while the key's mod revision is `expected` (0: the key is absent), checked by
   * the store in the write itself (its resourceVersion precondition): etcd's compare-and-swap as
   * kube-apiserver's storage writes it. Undefined when the compare fails; `expected` undefined: no compare.
   */
  async putIf(key: Buffer, value: Buffer, expected: number | undefined): Promise<number | undefined> {
    const located = this.locate(key);
    const object = located.resource === RAW_KEYS_RESOURCE ? { metadata: { name: located.name }, value: value.toString('base64') } : decodeStoredValue(value);
    object.metadata = { ...(object.metadata ?? {}), name: object.metadata?.name ?? located.name };
    if (located.namespace) object.metadata.namespace ??= located.namespace;
    delete object.metadata.resourceVersion;
    const options = expected ? { expectedRevision: expected } : undefined;
    try {
      if (expected === 0) return revisionOf(await this.store.create(located, object));
      const current = await this.store.get(located);
      if (!current) return expected === undefined ? revisionOf(await this.store.create(located, object)) : undefined;
      // A put replaces whatever is there; an object of another uid is a new object (delete, then create).
      if (object.metadata.uid && object.metadata.uid !== current.metadata.uid) {
        await this.store.delete(located, options).catch(ignoreNotFound);
        return revisionOf(await this.store.create(located, object));
      }
      return revisionOf(await this.store.update(located, { ...object, metadata: { ...object.metadata, uid: current.metadata.uid } }, options));
    } catch (error) {
      if (expected !== undefined && error instanceof StoreError && ['AlreadyExists', 'Conflict', 'NotFound'].includes(error.code)) return undefined;
      throw error;
    }
  }

  /** Deletes one key if its mod revision is still `expected`, in one store write; undefined when the compare fails. */
  async deleteIf(key: Buffer, expected: number): Promise<{ deleted: KeyValue[]; revision: number } | undefined> {
    const current = this.range({ key });
    if (current.length === 0 || expected === 0) return current.length === 0 && expected === 0 ? { deleted: [], revision: this.hub.revision } : undefined;
    try {
      const removed = await this.store.delete(this.locate(key), { expectedRevision: expected });
      return { deleted: current, revision: revisionOf(removed) };
    } catch (error) {
      if (error instanceof StoreError && ['Conflict', 'NotFound'].includes(error.code)) return undefined;
      throw error;
    }
  }

  /** Deletes the keys of `range`; returns the deleted keys (with their last values) and the revision after. */
  async deleteRange(range: KeyRange): Promise<{ deleted: KeyValue[]; revision: number }> {
    const deleted = this.range(range);
    let revision = this.hub.revision;
    for (const kv of deleted) {
      const removed = await this.store.delete(this.locate(kv.key)).catch(ignoreNotFound);
      if (removed) revision = Math.max(revision, revisionOf(removed));
    }
    return { deleted, revision };
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

const RAW_INFO: StoredResourceInfo = { resource: RAW_KEYS_RESOURCE, namespaced: false };

export interface KeyEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  previous?: KeyValue;
}

function revisionOf(object: KubeObject): number {
  return Number(object.metadata.resourceVersion ?? 0);
}

function ignoreNotFound(error: unknown): undefined {
  if (error instanceof StoreError && error.code === 'NotFound') return undefined;
  throw error;
}
