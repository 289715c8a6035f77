import { randomUUID } from 'node:crypto';
import {
  ChangeEvent,
  CollectionKey,
  compareNamespaceName,
  inCollection,
  ListOptions,
  ListResult,
  ObjectKey,
  objectKeyString,
  ObjectStore,
  StoreError,
  WriteOptions,
  maxWriteRequestBytes,
  requestTooLargeMessage,
} from '@drydock/storage';
import type { KubeObject } from '@drydock/util';

interface Row {
  key: ObjectKey;
  uid: string;
  revision: number;
  object: KubeObject;
}

/**
 * An ObjectStore in memory, for unit tests of code above the store. It passes the same contract
 * suite as PostgresObjectStore (e2e/storage-contract). Objects are deep-copied in and out, so
 * callers can never change what is stored.
 */
export class MemoryObjectStore implements ObjectStore {
  private readonly rows = new Map<string, Row>();
  private changes: ChangeEvent[] = [];
  private revision = 0;

  async create(key: ObjectKey, object: KubeObject): Promise<KubeObject> {
    checkSize(key, object);
    if (this.rows.has(objectKeyString(key))) throw new StoreError('AlreadyExists', `${key.resource} "${key.name}" already exists`);
    const uid = object.metadata?.uid ?? randomUUID();
    return this.commit('ADDED', key, uid, object);
  }

  async update(key: ObjectKey, object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    checkSize(key, object);
    const row = this.checked(key, options, object.metadata?.uid);
    return this.commit('MODIFIED', key, row.uid, object);
  }

  async delete(key: ObjectKey, options: WriteOptions = {}): Promise<KubeObject> {
    const row = this.checked(key, options);
    return this.commit('DELETED', key, row.uid, row.object);
  }

  async get(key: ObjectKey): Promise<KubeObject | null> {
    const row = this.rows.get(objectKeyString(key));
    return row ? structuredClone(row.object) : null;
  }

  async list(collection: CollectionKey, options: ListOptions = {}): Promise<ListResult> {
    const after = options.after;
    const rows = [...this.rows.values()]
      .filter((row) => inCollection(row.key, collection) && (!after || compareNamespaceName(row.key, after) > 0))
      .sort((a, b) => compareNamespaceName(a.key, b.key));
    const limit = options.limit && options.limit > 0 ? options.limit : rows.length;
    const page = rows.slice(0, limit);
    const result: ListResult = { items: page.map((row) => structuredClone(row.object)), revision: this.revision };
    if (rows.length > limit) result.next = { namespace: page[limit - 1].key.namespace, name: page[limit - 1].key.name };
    return result;
  }

  async currentRevision(): Promise<number> {
    return this.revision;
  }

  async changesSince(after: number, limit: number): Promise<ChangeEvent[]> {
    const compacted = await this.compactedRevision();
    if (after < compacted) throw new StoreError('Compacted', `revision ${after} has been compacted (${compacted})`);
    return structuredClone(this.changes.filter((change) => change.revision > after).slice(0, limit));
  }

  async compactedRevision(): Promise<number> {
    return this.changes.length > 0 ? this.changes[0].revision - 1 : this.revision;
  }

  async compact(revision: number): Promise<void> {
    this.changes = this.changes.filter((change) => change.revision >= revision);
  }

  async close(): Promise<void> {
    // nothing to release
  }

  /** The stored row, when the preconditions hold (as drydock_precondition() checks them). */
  private checked(key: ObjectKey, options: WriteOptions, objectUid?: string): Row {
    const row = this.rows.get(objectKeyString(key));
    if (!row) throw new StoreError('NotFound', `${key.resource} "${key.name}" not found`);
    const conflict =
      (options.expectedRevision !== undefined && options.expectedRevision !== row.revision) ||
      (options.expectedUid !== undefined && options.expectedUid !== row.uid) ||
      (objectUid !== undefined && objectUid !== row.uid);
    if (conflict) throw new StoreError('Conflict', `${key.resource} "${key.name}": the object has been modified`);
    return row;
  }

  private commit(type: ChangeEvent['type'], key: ObjectKey, uid: string, object: KubeObject): KubeObject {
    const revision = ++this.revision;
    const stored = structuredClone(object);
    stored.metadata = { ...stored.metadata, uid, resourceVersion: String(revision) };
    if (type === 'DELETED') this.rows.delete(objectKeyString(key));
    else this.rows.set(objectKeyString(key), { key: { ...key }, uid, revision, object: stored });
    this.changes.push({ revision, type, key: { ...key }, object: structuredClone(stored) });
    return structuredClone(stored);
  }
}

/** The store's size limit (maxWriteRequestBytes), on the key and the object as JSON as PostgresObjectStore counts them. */
function checkSize(key: ObjectKey, object: KubeObject): void {
  if (Buffer.byteLength(JSON.stringify({ ...key, object })) > maxWriteRequestBytes) throw new StoreError('TooLarge', requestTooLargeMessage);
}
