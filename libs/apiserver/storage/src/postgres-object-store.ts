import type { KubeObject } from '@drydock/util';
import type { Pool, PoolClient } from 'pg';
import { assertObjectKey, describeKey } from './object-keys';
import { sql } from './sql';
import { hasStorePriority } from './store-priority';
import {
  ChangeEvent,
  ChangeType,
  CollectionKey,
  ListOptions,
  ListResult,
  ObjectKey,
  ObjectStore,
  StoreError,
  WriteOptions,
  maxWriteRequestBytes,
  requestTooLargeMessage,
} from './store.types';
import { WriteBatcher, WriteBatcherOptions, WriteBatcherStats } from './write-batcher';

/** One operation of a drydock_write() batch (see prisma/migrations/0001_object_store). */
export interface WriteOp extends ObjectKey {
  type: 'create' | 'update' | 'delete';
  object?: KubeObject;
  expectedRevision?: number;
  expectedUid?: string;
}

interface WriteRow {
  op_index: number;
  op_status: 'ok' | 'NotFound' | 'AlreadyExists' | 'Conflict';
  op_revision: string | null;
  op_object: KubeObject | null;
}

interface ChangeRow {
  compacted: string;
  revision: string | null;
  type: ChangeType;
  cluster: string;
  resource: string;
  namespace: string;
  name: string;
  object: KubeObject;
}

/** Every current object and the revision they are at, read in one transaction (the watch cache's start). */
export interface StoreSnapshot {
  revision: number;
  objects: { key: ObjectKey; object: KubeObject }[];
}

export interface PostgresObjectStoreOptions extends WriteBatcherOptions {
  /** End the pool on close(). Default false: whoever made the pool ends it. */
  ownsPool?: boolean;
  /**
   * A few connections apart from the shared pool, for what must not wait behind every request's reads:
   * the group commits (one at a time), the change log's tail (the watch cache), and reads in the priority lane
   * (withStorePriority). Absent: everything shares `pool`. Whoever made it ends it.
   */
  reservedPool?: Pool;
}

/**
 * What the body of PostgresObjectStore.exclusive() is given: the revision the store is held at, and a
 * writer whose ops are applied in order in the held transaction (each op takes the next revision).
 */
export interface ExclusiveTransaction {
  readonly revision: number;
  /** Applies the ops; the first that fails (its StoreError) rolls back every write of the transaction. */
  write(ops: WriteOp[]): Promise<KubeObject[]>;
}

/** Each op's JSON, made once by write() (which checks it) and reused by the batch. */
const encodedOps = new WeakMap<WriteOp, string>();

/**
 * PostgreSQL's text and jsonb cannot hold the character U+0000 (Kubernetes strings may). Keys with it
 * cannot exist; an object with it is refused before it joins a batch, since one such op would fail the
 * whole group-committed statement, every other caller's write with it. `\u0000` preceded by an odd number
 * of backslashes in JSON is an escaped NUL; after an even number it is a literal backslash-u text.
 */
const escapedNul = /(?<!\\)(?:\\\\)*\\u0000/;
const hasNul = (key: ObjectKey) => [key.cluster, key.resource, key.namespace, key.name].some((part) => part.includes('\0'));

/** Sends one batch of writes in one statement; one result row per op. Hot statements are named
 * (prepared once per connection), which saves a parse and plan per call. */
async function executeBatch(pool: Pool, ops: WriteOp[]): Promise<WriteRow[]> {
  const result = await pool.query<WriteRow>({ name: 'drydock_write', text: sql.write, values: [`[${ops.map((op) => encodedOps.get(op) ?? JSON.stringify(op)).join(',')}]`] });
  return result.rows.sort((a, b) => a.op_index - b.op_index);
}

function errorFor(status: WriteRow['op_status'], op: WriteOp): StoreError {
  const subject = describeKey(op);
  switch (status) {
    case 'NotFound':
      return new StoreError('NotFound', `${subject} not found`);
    case 'AlreadyExists':
      return new StoreError('AlreadyExists', `${subject} already exists`);
    default:
      return new StoreError('Conflict', `${subject} does not match the precondition (resourceVersion or uid)`);
  }
}

/**
 * The PostgreSQL ObjectStore. Writes from concurrent callers are group-committed (WriteBatcher +
 * drydock_write), so a batch costs one round trip and one counter bump; reads go straight to the pool.
 */
export class PostgresObjectStore implements ObjectStore {
  private readonly batcher: WriteBatcher<WriteOp, WriteRow>;
  private closed = false;

  private readonly reserved: Pool;

  constructor(
    readonly pool: Pool,
    private readonly options: PostgresObjectStoreOptions = {},
  ) {
    this.reserved = options.reservedPool ?? pool;
    this.batcher = new WriteBatcher((ops) => executeBatch(this.reserved, ops), options);
  }

  /** The pool a read of the current request takes: the reserved connections in the priority lane. */
  private get readPool(): Pool {
    return hasStorePriority() ? this.reserved : this.pool;
  }

  /** Batches and operations sent so far (for metrics and benchmarks). */
  get writeStats(): WriteBatcherStats {
    return this.batcher.stats;
  }

  create(key: ObjectKey, object: KubeObject): Promise<KubeObject> {
    return this.write({ ...pickKey(key), type: 'create', object });
  }

  update(key: ObjectKey, object: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    return this.write({ ...pickKey(key), type: 'update', object, ...preconditions(options) });
  }

  delete(key: ObjectKey, options: WriteOptions = {}): Promise<KubeObject> {
    return this.write({ ...pickKey(key), type: 'delete', ...preconditions(options) });
  }

  private async write(op: WriteOp): Promise<KubeObject> {
    if (this.closed) throw new Error('object store is closed');
    encode(op);
    const row = await this.batcher.submit(op, hasStorePriority());
    if (row.op_status !== 'ok' || !row.op_object) throw errorFor(row.op_status, op);
    return row.op_object;
  }

  /**
   * Runs `body` in one transaction that holds the revision counter's lock, which every writer of every
   * API server takes to commit: until it ends nothing else commits, so the store stays at the revision
   * the body is given except for the body's own writes, and those commit together or not at all (a
   * failed op or a throwing body rolls everything back). For etcd's multi-key Txn: keep the body short,
   * every write waits for it.
   */
  async exclusive<T>(body: (transaction: ExclusiveTransaction) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('object store is closed');
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const revision = Number((await client.query({ name: 'drydock_lock_revision', text: sql.lockRevision })).rows[0].revision);
      const write = async (ops: WriteOp[]): Promise<KubeObject[]> => {
        if (ops.length === 0) return [];
        const json = `[${ops.map(encode).join(',')}]`;
        const rows = (await client.query<WriteRow>({ name: 'drydock_write', text: sql.write, values: [json] })).rows.sort((a, b) => a.op_index - b.op_index);
        const failed = rows.findIndex((row) => row.op_status !== 'ok' || !row.op_object);
        if (failed >= 0) throw errorFor(rows[failed].op_status, ops[failed]);
        return rows.map((row) => row.op_object!);
      };
      const result = await body({ revision, write });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async get(key: ObjectKey): Promise<KubeObject | null> {
    if (hasNul(key)) return null;
    const result = await this.readPool.query<{ object: KubeObject }>({ name: 'drydock_get', text: sql.get, values: [key.cluster, key.resource, key.namespace, key.name] });
    return result.rows[0]?.object ?? null;
  }

  async list(collection: CollectionKey, options: ListOptions = {}): Promise<ListResult> {
    if (collection.namespace?.includes('\0')) return { items: [], revision: await this.currentRevision() };
    const limit = options.limit && options.limit > 0 ? options.limit : null;
    const rowLimit = limit === null ? null : limit + 1;
    const after = options.after ?? { namespace: '', name: '' };
    const result =
      collection.namespace === undefined
        ? await this.readPool.query({ name: 'drydock_list_all', text: sql.listAll, values: [collection.cluster, collection.resource, after.namespace, after.name, rowLimit] })
        : await this.readPool.query({ name: 'drydock_list_namespace', text: sql.listNamespace, values: [collection.cluster, collection.resource, collection.namespace, options.after?.name ?? '', rowLimit] });
    const revision = Number(result.rows[0].revision);
    const rows = result.rows.filter((row) => row.object !== null);
    const items = rows.map((row) => row.object as KubeObject);
    if (limit === null || items.length <= limit) return { items, revision };
    items.length = limit;
    const last = rows[limit - 1];
    return { items, revision, next: { namespace: last.namespace, name: last.name } };
  }

  async currentRevision(): Promise<number> {
    // Every consistent read and watch start asks it: bulk unless in the priority lane.
    const result = await this.readPool.query({ name: 'drydock_current_revision', text: sql.currentRevision });
    return Number(result.rows[0].revision);
  }

  async changesSince(after: number, limit: number): Promise<ChangeEvent[]> {
    const result = await this.reserved.query<ChangeRow>({ name: 'drydock_changes_since', text: sql.changesSince, values: [after, limit] });
    const compacted = Number(result.rows[0].compacted);
    if (after < compacted) {
      throw new StoreError('Compacted', `revision ${after} has been compacted (the change log starts after ${compacted})`);
    }
    return result.rows.filter((row) => row.revision !== null).map(toChangeEvent);
  }

  /** Every object of every cluster and resource with the revision they are at (one REPEATABLE READ snapshot). */
  async readSnapshot(): Promise<StoreSnapshot> {
    const client: PoolClient = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const revision = Number((await client.query(sql.snapshotRevision)).rows[0].revision);
      const rows = (await client.query(sql.snapshotObjects)).rows;
      await client.query('COMMIT');
      return { revision, objects: rows.map((row) => ({ key: { cluster: row.cluster, resource: row.resource, namespace: row.namespace, name: row.name }, object: row.object })) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async compactedRevision(): Promise<number> {
    const result = await this.pool.query(sql.compactedRevision);
    return Number(result.rows[0].compacted);
  }

  async compact(revision: number): Promise<void> {
    await this.pool.query(sql.compact, [revision]);
  }

  /** The keys of every object of one logical cluster. */
  async clusterKeys(cluster: string): Promise<ObjectKey[]> {
    const result = await this.pool.query(sql.clusterKeys, [cluster]);
    return result.rows.map((row: { resource: string; namespace: string; name: string }) => ({ cluster, resource: row.resource, namespace: row.namespace, name: row.name }));
  }

  /**
   * Drops one cluster's change-log rows up to `revision`. Only for revisions every watch cache has read (a
   * reader that had not would find a gap in the log).
   */
  async purgeClusterChanges(cluster: string, revision: number): Promise<void> {
    await this.pool.query(sql.purgeClusterChanges, [cluster, revision]);
  }

  /**
   * Copies every object of `cluster` into the snapshot `snapshotUid` at one revision; returns that revision
   * and the number of objects.
   */
  async snapshotCluster(cluster: string, snapshotUid: string): Promise<{ revision: number; objects: number }> {
    const result = await this.pool.query(sql.snapshotCluster, [cluster, snapshotUid]);
    return { revision: Number(result.rows[0].revision), objects: Number(result.rows[0].objects) };
  }

  /**
   * Replaces every object of `cluster` with those of the snapshot `snapshotUid` (their uids kept, new
   * resourceVersions), in one transaction: a DELETED change per object removed and an ADDED change per
   * object written. Returns the revision after the last change.
   */
  async restoreCluster(cluster: string, snapshotUid: string): Promise<number> {
    const result = await this.pool.query(sql.restoreCluster, [cluster, snapshotUid]);
    return Number(result.rows[0].revision);
  }

  /** Drops a snapshot's objects. */
  async dropSnapshot(snapshotUid: string): Promise<void> {
    await this.pool.query(sql.dropSnapshot, [snapshotUid]);
  }

  /** Drops the objects of every snapshot whose object (of `resource`, in the default cluster) no longer exists. */
  async dropOrphanSnapshots(resource: string): Promise<void> {
    await this.pool.query(sql.dropOrphanSnapshots, [resource]);
  }

  /** Waits for queued writes, then refuses new ones; ends the pool only when it owns it. */
  async close(): Promise<void> {
    this.closed = true;
    await this.batcher.idle();
    if (this.options.ownsPool) await this.pool.end();
  }
}

/** Checks an op's key and object and returns its JSON (kept for the batch that sends it). */
function encode(op: WriteOp): string {
  assertObjectKey(op);
  if (hasNul(op)) throw new StoreError('NotFound', `${describeKey(op)} not found`);
  const json = encodedOps.get(op) ?? JSON.stringify(op);
  if (escapedNul.test(json)) throw new StoreError('Unstorable', 'the object contains the character U+0000, which PostgreSQL cannot store');
  // Refused before it joins a batch, as the NUL above: the batch's other writes must not fail with it.
  if (json.length > maxWriteRequestBytes / 3 && Buffer.byteLength(json) > maxWriteRequestBytes) throw new StoreError('TooLarge', requestTooLargeMessage);
  encodedOps.set(op, json);
  return json;
}

/** Only the key fields (callers may pass richer objects). */
function pickKey(key: ObjectKey): ObjectKey {
  return { cluster: key.cluster, resource: key.resource, namespace: key.namespace, name: key.name };
}

function preconditions(options: WriteOptions): Pick<WriteOp, 'expectedRevision' | 'expectedUid'> {
  const result: Pick<WriteOp, 'expectedRevision' | 'expectedUid'> = {};
  if (options.expectedRevision !== undefined) result.expectedRevision = options.expectedRevision;
  if (options.expectedUid !== undefined) result.expectedUid = options.expectedUid;
  return result;
}

function toChangeEvent(row: ChangeRow): ChangeEvent {
  return {
    revision: Number(row.revision),
    type: row.type,
    key: { cluster: row.cluster, resource: row.resource, namespace: row.namespace, name: row.name },
    object: row.object,
  };
}
