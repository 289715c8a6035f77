import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBoltDatabase } from './bbolt/bbolt-file.reader';
import { crc32c } from './bbolt/bbolt-layout';
import { writeBoltDatabase } from './bbolt/bbolt-file.writer';
import { decodeSnapshot, encodeSnapshot, REVISION_MARKER_KEY, snapshotStatus } from './etcd-snapshot.file';

const member = { idHex: '8e9e05c52164694d', name: 'controlplane', peerUrls: ['https://10.0.0.1:2380'], clientUrls: ['https://127.0.0.1:2379'] };
const content = { revision: 42, kvs: [{ key: Buffer.from('/registry/pods/default/a'), value: Buffer.from('k8s\0\x01\x02'), modRevision: 40 }] };

/** Many keys, some values larger than a page: leaves over several levels of branches, overflow pages. */
function largeContent() {
  const kvs = Array.from({ length: 1200 }, (_, i) => ({
    key: Buffer.from(`/registry/configmaps/ns-${i % 7}/cm-${String(i).padStart(5, '0')}`),
    value: Buffer.from(i % 300 === 0 ? 'x'.repeat(20_000 + i) : `{"n":${i}}\n`),
    modRevision: 100 + Math.floor(i / 2),
  }));
  return { revision: 100 + 600, kvs: kvs.sort((a, b) => Buffer.compare(a.key, b.key)), member, clusterVersion: '3.6.0', raftTerm: 2 };
}

const etcdctl = (...args: string[]) => execFileSync('/usr/bin/etcdctl', args, { env: { ...process.env, ETCDCTL_API: '3' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('etcd snapshot file (a bbolt database, as etcd streams it)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'etcd-snapshot-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is whole pages plus the SHA-256 etcdctl looks for, and reads back each key at its revision', () => {
    const file = encodeSnapshot(content);
    expect(file.length % 4096).toBe(32);
    expect(decodeSnapshot(file)).toEqual({ revision: 42, kvs: content.kvs });
    const large = largeContent();
    expect(decodeSnapshot(encodeSnapshot(large))).toEqual({ revision: large.revision, kvs: large.kvs });
  });

  it('refuses a file whose hash does not match, or that is no database, as etcdutl snapshot restore does', () => {
    const file = encodeSnapshot(content);
    file[5000] ^= 1;
    expect(() => decodeSnapshot(file)).toThrow(/^expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}$/);
    expect(() => decodeSnapshot(Buffer.alloc(4096))).toThrow('snapshot missing hash but --skip-hash-check=false');
    expect(() => decodeSnapshot(Buffer.alloc(8192), { skipHashCheck: true })).toThrow('invalid database');
  });

  it('writes bbolt trees that read back bucket by bucket, in key order', () => {
    const entries = Array.from({ length: 2000 }, (_, i) => ({ key: Buffer.from(`k${String(1999 - i).padStart(6, '0')}`), value: Buffer.alloc(i % 500 === 0 ? 9000 : 40, i % 251) }));
    const database = readBoltDatabase(writeBoltDatabase(new Map([['b', entries], ['a', []]])));
    expect([...database.buckets.keys()]).toEqual(['a', 'b']);
    expect(database.buckets.get('a')).toEqual([]);
    expect(database.buckets.get('b')).toEqual([...entries].sort((x, y) => Buffer.compare(x.key, y.key)));
  });

  it('is a database Debian\'s etcdctl 3.4 checks, counts and restores: the revision, every key, etcd\'s hash', () => {
    const large = largeContent();
    const file = encodeSnapshot(large);
    const path = join(dir, 'snapshot.db');
    writeFileSync(path, file);
    const status = JSON.parse(etcdctl('snapshot', 'status', path, '-w', 'json'));
    const ours = snapshotStatus(file);
    expect(status).toEqual({ hash: ours.hash, revision: large.revision, totalKey: ours.totalKey, totalSize: ours.totalSize });
    // 1,200 revision keys and the marker tombstone, 3 in meta, 2 in auth, the member and the cluster version.
    expect(ours.totalKey).toBe(1200 + 1 + 3 + 2 + 1 + 1);
    const dataDir = join(dir, 'restored');
    etcdctl('snapshot', 'restore', path, '--data-dir', dataDir, '--name', 'controlplane', '--initial-cluster', 'controlplane=https://10.0.0.1:2380', '--initial-advertise-peer-urls', 'https://10.0.0.1:2380');
    expect(readdirSync(join(dataDir, 'member')).sort()).toEqual(['snap', 'wal']);
    const restored = decodeSnapshot(readFileSync(join(dataDir, 'member', 'snap', 'db')), { skipHashCheck: true });
    expect(restored.revision).toBe(large.revision);
    expect(restored.kvs).toEqual(large.kvs);
  });

  it('hashes with CRC-32C as Go does, continuing from an earlier sum', () => {
    expect(crc32c(Buffer.from('123456789')).toString(16)).toBe('e3069283');
    expect(crc32c(Buffer.from('6789'), crc32c(Buffer.from('12345')))).toBe(crc32c(Buffer.from('123456789')));
  });

  it('carries the revision in a tombstone when the last write was no key of the snapshot, as etcd reads it from the last revision key', () => {
    const file = encodeSnapshot(content);
    expect(snapshotStatus(file.subarray(0, file.length - 32)).revision).toBe(42);
    expect(decodeSnapshot(file).kvs.map((kv) => kv.key.toString())).not.toContain(REVISION_MARKER_KEY);
  });
});
