import { decodeSnapshot, encodeSnapshot } from './etcd-snapshot.file';

const content = { revision: 42, kvs: [{ key: Buffer.from('/registry/pods/default/a'), value: Buffer.from('k8s\0\x01\x02'), modRevision: 40 }] };

describe('etcd snapshot file', () => {
  it('is a multiple of 512 bytes plus the SHA-256 etcdctl looks for, and reads back', () => {
    const file = encodeSnapshot(content);
    expect(file.length % 512).toBe(32);
    expect(decodeSnapshot(file)).toEqual(content);
  });

  it('refuses a file whose hash does not match, as etcdutl snapshot restore does', () => {
    const file = encodeSnapshot(content);
    file[10] ^= 1;
    expect(() => decodeSnapshot(file)).toThrow(/^expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}$/);
    expect(() => decodeSnapshot(Buffer.alloc(4096))).toThrow('snapshot missing hash');
  });
});
