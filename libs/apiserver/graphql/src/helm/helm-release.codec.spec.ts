import { gzipSync } from 'node:zlib';
import { decodeRelease, encodeRelease, releaseOfSecret, secretOfRelease } from './helm-release.codec';

const release = { name: 'web', info: { status: 'deployed', description: 'Install complete' }, chart: { metadata: { name: 'hello', version: '0.1.0' }, values: { a: 1 } }, config: { message: 'hi' }, manifest: '---\nkind: ConfigMap\n', version: 1, namespace: 'default', apply_method: 'ssa' };

describe("helm's release encoding (pkg/storage/driver/util.go)", () => {
  it('decodes what helm writes: base64 of gzip of the JSON, and older uncompressed releases', () => {
    expect(decodeRelease(gzipSync(JSON.stringify(release)).toString('base64'))).toEqual(release);
    expect(decodeRelease(Buffer.from(JSON.stringify(release)).toString('base64'))).toEqual(release);
  });

  it('round-trips through a release Secret with helm labels, keeping custom labels and dropping the system ones', () => {
    const secret = secretOfRelease({ release, labels: { team: 'blue' } }, { createdAt: '1700000000' });
    expect(secret.metadata).toEqual({ name: 'sh.helm.release.v1.web.v1', namespace: 'default', labels: { team: 'blue', createdAt: '1700000000', name: 'web', owner: 'helm', status: 'deployed', version: '1' } });
    expect(secret.type).toBe('helm.sh/release.v1');
    expect(decodeRelease(Buffer.from(secret.data.release, 'base64').toString())).toEqual(release);
    expect(encodeRelease(release).startsWith('H4sI')).toBe(true);
    expect(releaseOfSecret(secret)).toEqual({ release, labels: { team: 'blue' } });
    expect(releaseOfSecret({ ...secret, type: 'Opaque' })).toBeUndefined();
  });
});
