import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { join } from 'node:path';
import { loadSync, type Type } from 'protobufjs';
import { readBoltDatabase } from './bbolt/bbolt-file.reader';
import { type BoltEntry, boltDatabaseSteps } from './bbolt/bbolt-file.writer';
import { BoltFormatError, crc32c } from './bbolt/bbolt-layout';

/** One key of a snapshot and its value (the last write's revision). */
export interface SnapshotKeyValue {
  key: Buffer;
  value: Buffer;
  modRevision: number;
}

/** The member a snapshot records in its `members` bucket, as etcd keeps it. */
export interface SnapshotMember {
  /** The member ID in hex, as etcdctl prints it. */
  idHex: string;
  name: string;
  peerUrls: string[];
  clientUrls: string[];
}

/** What an etcd snapshot holds for Drydock: every key of the key space and its value at one revision. */
export interface SnapshotContent {
  revision: number;
  kvs: SnapshotKeyValue[];
  member?: SnapshotMember;
  /** etcd's cluster version and raft term, recorded in the `cluster` and `meta` buckets. */
  clusterVersion?: string;
  raftTerm?: number;
}

const SHA256_SIZE = 32;
/**
 * The key of the tombstone that carries a snapshot's revision when no key was written at it (the last
 * write was a delete, or a write in another logical cluster): etcd reads a database's revision from
 * its last revision key, and keeps a deleted key's tombstone, whose key Drydock no longer knows.
 */
export const REVISION_MARKER_KEY = '/registry/drydock.dev/snapshot-revision';

let keyValueType: Type | undefined;
/** mvccpb.KeyValue, the value of every revision key of etcd's `key` bucket. */
function keyValue(): Type {
  keyValueType ??= loadSync(join(__dirname, '../../proto/etcd/api/mvccpb/kv.proto')).lookupType('mvccpb.KeyValue');
  return keyValueType;
}

/** etcd's revision key: main and sub revision, 8 bytes big-endian each, joined by `_`; a tombstone ends in `t`. */
function revisionKey(main: number, sub: number, tombstone = false): Buffer {
  const key = Buffer.alloc(tombstone ? 18 : 17);
  key.writeBigUInt64BE(BigInt(main), 0);
  key.write('_', 8, 'latin1');
  key.writeBigUInt64BE(BigInt(sub), 9);
  if (tombstone) key.write('t', 17, 'latin1');
  return key;
}

const uint64 = (value: number) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
};

/** Keys encoded between two pauses of an encoding done in slices. */
const KEYS_PER_STEP = 256;

/**
 * The `key` bucket: each key's value at its revision (keys written at one revision get sub revisions 0,
 * 1…). Pauses (yields) every KEYS_PER_STEP keys.
 */
function* keyBucket(content: SnapshotContent): Generator<void, BoltEntry[]> {
  const byRevision = [...content.kvs].sort((a, b) => a.modRevision - b.modRevision || Buffer.compare(a.key, b.key));
  const entries: BoltEntry[] = [];
  let sub = 0;
  for (const [i, kv] of byRevision.entries()) {
    sub = i > 0 && byRevision[i - 1].modRevision === kv.modRevision ? sub + 1 : 0;
    const message = keyValue().create({ key: kv.key, createRevision: kv.modRevision, modRevision: kv.modRevision, version: 1, value: kv.value });
    entries.push({ key: revisionKey(kv.modRevision, sub), value: Buffer.from(keyValue().encode(message).finish()) });
    if (i % KEYS_PER_STEP === KEYS_PER_STEP - 1) yield;
  }
  const last = byRevision[byRevision.length - 1]?.modRevision ?? 0;
  if (content.revision > last) {
    const tombstone = keyValue().create({ key: Buffer.from(REVISION_MARKER_KEY), modRevision: content.revision });
    entries.push({ key: revisionKey(content.revision, 0, true), value: Buffer.from(keyValue().encode(tombstone).finish()) });
  }
  return entries;
}

/** etcd's `members` value: the member as JSON, its 64-bit ID written out in full (a JS number would round it). */
function memberEntry(member: SnapshotMember): BoltEntry {
  const json = `{"id":${BigInt(`0x${member.idHex}`)},"peerURLs":${JSON.stringify(member.peerUrls)},"name":${JSON.stringify(member.name)},"clientURLs":${JSON.stringify(member.clientUrls)}}`;
  return { key: Buffer.from(member.idHex), value: Buffer.from(json) };
}

/**
 * A snapshot as `etcdctl snapshot save` receives it from etcd: a bbolt database with etcd's buckets
 * (`key`: revision keys to mvccpb.KeyValue; `meta`: consistent_index, term and storage version;
 * `members`, `cluster`, and the empty `alarm`, `auth*`, `lease`, `members_removed`), followed by the
 * SHA-256 of the database, as etcd's Maintenance.Snapshot appends it. etcd's own tools read it:
 * `etcdctl snapshot status` (3.4), `etcdutl snapshot status|restore`.
 */
export function encodeSnapshot(content: SnapshotContent): Buffer {
  const steps = snapshotSteps(content);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * encodeSnapshot without holding the event loop for more than about `sliceMs` at a time (an API server
 * taking a snapshot of a large key space keeps answering meanwhile).
 */
export async function encodeSnapshotInSlices(content: SnapshotContent, sliceMs = 10): Promise<Buffer> {
  const steps = snapshotSteps(content);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart < sliceMs) continue;
    await yieldToEventLoop();
    sliceStart = performance.now();
  }
}

/** The encoding, pausing (yielding) between steps of bounded work. */
function* snapshotSteps(content: SnapshotContent): Generator<void, Buffer> {
  const text = (value: string) => Buffer.from(value);
  const buckets = new Map<string, BoltEntry[]>([
    ['alarm', []],
    ['auth', [{ key: text('authEnabled'), value: Buffer.from([0]) }, { key: text('authRevision'), value: uint64(1) }]],
    ['authRoles', []],
    ['authUsers', []],
    ['cluster', content.clusterVersion ? [{ key: text('clusterVersion'), value: text(content.clusterVersion) }] : []],
    ['key', yield* keyBucket(content)],
    ['lease', []],
    ['members', content.member ? [memberEntry(content.member)] : []],
    ['members_removed', []],
    ['meta', [
      { key: text('consistent_index'), value: uint64(content.revision) },
      { key: text('term'), value: uint64(content.raftTerm ?? 1) },
      ...(content.clusterVersion ? [{ key: text('storageVersion'), value: text(content.clusterVersion) }] : []),
    ]],
  ]);
  const database = yield* boltDatabaseSteps(buckets);
  yield;
  return Buffer.concat([database, createHash('sha256').update(database).digest()]);
}

export class SnapshotError extends Error {}

/** The database part of a snapshot file, its SHA-256 checked when it has one (size a multiple of 512 plus 32), as etcdutl does. */
function snapshotDatabase(file: Buffer, skipHashCheck: boolean): Buffer {
  if (file.length % 512 !== SHA256_SIZE) {
    if (skipHashCheck) return file;
    throw new SnapshotError('snapshot missing hash but --skip-hash-check=false');
  }
  const body = file.subarray(0, file.length - SHA256_SIZE);
  const expected = file.subarray(file.length - SHA256_SIZE);
  const actual = createHash('sha256').update(body).digest();
  if (!skipHashCheck && !actual.equals(expected)) throw new SnapshotError(`expected sha256 ${expected.toString('hex')}, got ${actual.toString('hex')}`);
  return body;
}

function readDatabase(file: Buffer) {
  try {
    return readBoltDatabase(file);
  } catch (error) {
    if (error instanceof BoltFormatError) throw new SnapshotError('invalid database');
    throw error;
  }
}

/**
 * Reads a snapshot (Drydock's, or a real etcd's): each key's latest value by its revision keys, deleted
 * keys (tombstones) left out; the revision is the last revision key's, as etcd restores it.
 */
export function decodeSnapshot(file: Buffer, options: { skipHashCheck?: boolean } = {}): SnapshotContent {
  const database = readDatabase(snapshotDatabase(file, !!options.skipHashCheck));
  const latest = new Map<string, SnapshotKeyValue>();
  let revision = 0;
  for (const entry of database.buckets.get('key') ?? []) {
    if (entry.key.length < 17) continue;
    revision = Number(entry.key.readBigUInt64BE(0));
    const message = keyValue().toObject(keyValue().decode(entry.value), { longs: Number }) as { key?: Buffer; value?: Buffer; modRevision?: number };
    const key = Buffer.from(message.key ?? []);
    if (entry.key.length === 18 && entry.key[17] === 't'.charCodeAt(0)) latest.delete(key.toString('latin1'));
    else latest.set(key.toString('latin1'), { key, value: Buffer.from(message.value ?? []), modRevision: message.modRevision ?? revision });
  }
  const kvs = [...latest.values()].sort((a, b) => Buffer.compare(a.key, b.key));
  return { revision, kvs };
}

/** What `etcdutl snapshot status` prints, computed as etcd does (CRC-32C over every bucket's name, keys and values). */
export interface SnapshotStatus {
  hash: number;
  revision: number;
  totalKey: number;
  /** bbolt's tx.Size(): pages in use times the page size. */
  totalSize: number;
}

export function snapshotStatus(file: Buffer): SnapshotStatus {
  const database = readDatabase(file);
  let hash = 0;
  let revision = 0;
  let totalKey = 0;
  for (const [name, entries] of database.buckets) {
    hash = crc32c(Buffer.from(name, 'latin1'), hash);
    for (const entry of entries) {
      hash = crc32c(entry.value, crc32c(entry.key, hash));
      if (name === 'key' && entry.key.length >= 17) revision = Number(entry.key.readBigUInt64BE(0));
      totalKey++;
    }
  }
  return { hash, revision, totalKey, totalSize: database.highWaterMark * database.pageSize };
}
