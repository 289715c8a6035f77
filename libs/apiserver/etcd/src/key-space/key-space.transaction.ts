import { randomUUID } from 'node:crypto';
import type { WriteOp } from '@drydock/storage';
import type { EtcdKeySpace } from './etcd-key-space';
import { inRange, type KeyRange, type KeyValue } from './key-range';

/**
 * One etcd request (Range, Put, DeleteRange, Txn) over the key space at one revision: reads see the
 * watch cache at that revision plus this transaction's own writes, as reads inside an etcd txn see its
 * earlier puts; writes become store ops, each predicted to take the next revision. Synchronous: the
 * caller evaluates the whole request in one go, then EtcdKeySpace commits `ops` in the transaction that
 * holds the store at `startRevision` (see EtcdKeySpace.write). A read-only view refuses writes.
 */
export class KeySpaceTransaction {
  /** The ops to commit, in order. */
  readonly ops: WriteOp[] = [];
  /** Keys this transaction wrote (by their bytes as latin1): the value now and its object's uid, null once deleted. */
  private readonly written = new Map<string, { kv: KeyValue; uid: string } | null>();
  private current: number;

  constructor(private readonly space: EtcdKeySpace, readonly startRevision: number, private readonly writable: boolean) {
    this.current = startRevision;
  }

  /** The revision after this transaction's writes so far (etcd's response header revision). */
  get revision(): number {
    return this.current;
  }

  /** The keys of `range`, sorted bytewise; at a given `revision` the store's past (never this transaction's writes). */
  range(range: KeyRange, revision = 0): KeyValue[] {
    if (revision > 0) return this.space.range(range, revision);
    const result = this.space.range(range).filter((kv) => !this.written.has(kv.key.toString('latin1')));
    for (const entry of this.written.values()) if (entry && inRange(entry.kv.key, range)) result.push(entry.kv);
    return result.sort((a, b) => Buffer.compare(a.key, b.key));
  }

  /** Writes one key: the value's object replaces whatever is there (an object of another uid is a new object). */
  put(key: Buffer, value: Buffer): { revision: number; previous?: KeyValue } {
    this.assertWritable();
    const located = this.space.locate(key);
    const object = this.space.objectFor(located, value);
    const previous = this.range({ key })[0];
    const uid = previous ? this.uidOf(key) : undefined;
    if (previous && object.metadata.uid && uid && object.metadata.uid !== uid) {
      this.push({ ...located, type: 'delete', expectedRevision: previous.modRevision });
    } else if (previous) {
      this.push({ ...located, type: 'update', object: { ...object, metadata: { ...object.metadata, uid } }, expectedRevision: previous.modRevision });
      this.written.set(key.toString('latin1'), { kv: { key, value, modRevision: this.current }, uid: uid! });
      return { revision: this.current, previous };
    }
    const created = { ...object, metadata: { ...object.metadata, uid: object.metadata.uid ?? randomUUID() } };
    this.push({ ...located, type: 'create', object: created });
    this.written.set(key.toString('latin1'), { kv: { key, value, modRevision: this.current }, uid: created.metadata.uid });
    return { revision: this.current, previous };
  }

  /** Deletes the keys of `range` (at once: no finalizers, no grace period); returns them with their last values. */
  deleteRange(range: KeyRange): { deleted: KeyValue[]; revision: number } {
    this.assertWritable();
    const deleted = this.range(range);
    for (const kv of deleted) {
      this.push({ ...this.space.locate(kv.key), type: 'delete', expectedRevision: kv.modRevision });
      this.written.set(kv.key.toString('latin1'), null);
    }
    return { deleted, revision: this.current };
  }

  private push(op: WriteOp): void {
    this.ops.push(op);
    this.current++;
  }

  private uidOf(key: Buffer): string | undefined {
    const own = this.written.get(key.toString('latin1'));
    return own ? own.uid : (this.space.cachedObject(this.space.locate(key))?.metadata.uid ?? undefined);
  }

  private assertWritable(): void {
    if (!this.writable) throw new Error('a read-only view of the key space cannot write');
  }
}
