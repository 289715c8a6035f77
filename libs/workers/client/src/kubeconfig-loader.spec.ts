import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadKubeconfig } from './kubeconfig-loader';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('loadKubeconfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kubeconfig-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (config: unknown) => {
    const path = join(dir, 'kubeconfig');
    writeFileSync(path, stringify(config));
    return path;
  };

  it('reads the current context: server, CA from certificate-authority-data, token', () => {
    const path = write({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'other', cluster: { server: 'https://10.0.0.1:6443', 'certificate-authority-data': 'eA==' } },
        { name: 'drydock', cluster: { server: 'https://127.0.0.1:6443/', 'certificate-authority-data': Buffer.from(CA).toString('base64') } },
      ],
      users: [{ name: 'admin', user: { token: 'abc' } }],
      contexts: [{ name: 'drydock', context: { cluster: 'drydock', user: 'admin' } }],
      'current-context': 'drydock',
    });
    expect(loadKubeconfig(path, 'kube-scheduler')).toEqual({ server: 'https://127.0.0.1:6443', token: 'abc', caCert: CA, userAgent: 'kube-scheduler' });
  });

  it('reads a CA file and a token file relative to the kubeconfig', () => {
    writeFileSync(join(dir, 'ca.crt'), CA);
    writeFileSync(join(dir, 'token'), 'from-file\n');
    const path = write({ clusters: [{ name: 'c', cluster: { server: 'https://h', 'certificate-authority': 'ca.crt' } }], users: [{ name: 'u', user: { tokenFile: 'token' } }] });
    expect(loadKubeconfig(path, 'kubelet')).toMatchObject({ caCert: CA, token: 'from-file' });
  });

  it('names what is missing', () => {
    expect(() => loadKubeconfig(write({ clusters: [] }), 'x')).toThrow('no cluster with a server');
    expect(() => loadKubeconfig(write({ clusters: [{ name: 'c', cluster: { server: 'https://h' } }] }), 'x')).toThrow('no certificate-authority-data');
    expect(() => loadKubeconfig(write({ clusters: [{ name: 'c', cluster: { server: 'https://h', 'certificate-authority-data': 'eA==' } }], users: [{ name: 'u', user: {} }] }), 'x')).toThrow('no token');
  });
});
