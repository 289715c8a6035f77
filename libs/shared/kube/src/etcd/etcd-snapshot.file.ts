import { createHash } from 'node:crypto';

/** One key of a snapshot and its value (the last write's revision). */
export interface SnapshotKeyValue {
  key: Buffer;
  value: Buffer;
  modRevision: number;
}

/** What a Drydock etcd snapshot holds: every key of the key space and its value at one revision. */
export interface SnapshotContent {
  revision: number;
  kvs: SnapshotKeyValue[];
}

export const SNAPSHOT_FORMAT = 'drydock-etcd-snapshot/v1';
const SHA256_SIZE = 32;

/**
 * A snapshot as `etcdctl snapshot save` receives it: Drydock's format (JSON: the revision and each
 * key and value in base64, not a bbolt database), padded with newlines to a multiple of 512 bytes and
 * followed by the SHA-256 of what precedes it, as etcd appends it (etcdctl 3.5 checks that the size
 * is a multiple of 512 plus 32; `snapshot restore` and `snapshot status` of etcdutl, which open the
 * file with bbolt, do not read it: docs/etcd.md).
 */
export function encodeSnapshot(content: SnapshotContent): Buffer {
  const kvs = content.kvs.map((kv) => ({ key: kv.key.toString('base64'), value: kv.value.toString('base64'), mod_revision: kv.modRevision }));
  const json = Buffer.from(`${JSON.stringify({ format: SNAPSHOT_FORMAT, revision: content.revision, kvs })}\n`);
  const body = Buffer.concat([json, Buffer.alloc((512 - (json.length % 512)) % 512, '\n')]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

export class SnapshotError extends Error {}

/** Reads a snapshot file, checking its SHA-256 as `etcdutl snapshot restore` does. */
export function decodeSnapshot(file: Buffer): SnapshotContent {
  if (file.length % 512 !== SHA256_SIZE) throw new SnapshotError(`snapshot missing hash (size ${file.length} is not a multiple of 512 plus 32)`);
  const body = file.subarray(0, file.length - SHA256_SIZE);
  const expected = file.subarray(file.length - SHA256_SIZE);
  const actual = createHash('sha256').update(body).digest();
  if (!actual.equals(expected)) throw new SnapshotError(`expected sha256 ${expected.toString('hex')}, got ${actual.toString('hex')}`);
  let parsed: { format?: string; revision?: number; kvs?: Array<{ key: string; value: string; mod_revision: number }> };
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SnapshotError('not a Drydock etcd snapshot (a bbolt snapshot of a real etcd cannot be restored into Drydock)');
  }
  if (parsed.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`not a Drydock etcd snapshot (format ${String(parsed.format)})`);
  return { revision: Number(parsed.revision ?? 0), kvs: (parsed.kvs ?? []).map((kv) => ({ key: Buffer.from(kv.key, 'base64'), value: Buffer.from(kv.value, 'base64'), modRevision: Number(kv.mod_revision) })) };
}
