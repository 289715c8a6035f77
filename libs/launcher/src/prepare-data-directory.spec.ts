import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { dataDirectoryOptionsFromEnv, prepareDataDirectory } from './prepare-data-directory';

describe('npm run init (prepareDataDirectory)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'drydock-init-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("writes a serving certificate for the load balancer's name and extra SANs, and kubeconfigs naming it (the admin's may name another)", () => {
    const options = dataDirectoryOptionsFromEnv({ DRYDOCK_DATA_DIR: dataDir, DRYDOCK_API_SERVER: 'https://apiserver:6443', DRYDOCK_ADMIN_API_SERVER: 'https://127.0.0.1:6443', DRYDOCK_API_CERT_SANS: 'apiserver-1, 10.0.0.5' });
    const prepared = prepareDataDirectory(options);
    const certificate = new X509Certificate(readFileSync(join(dataDir, 'pki', 'apiserver.crt')));
    expect(certificate.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:apiserver, DNS:apiserver-1, IP Address:10.0.0.5');
    const server = (file: string) => parse(readFileSync(file, 'utf8')).clusters[0].cluster.server;
    expect(Object.values(prepared.componentKubeconfigs).map(server)).toEqual(['https://apiserver:6443', 'https://apiserver:6443', 'https://apiserver:6443']);
    expect(server(prepared.adminKubeconfig)).toBe('https://127.0.0.1:6443');
  });

  it('keeps what exists: a second run changes no certificate and no token', () => {
    const options = { dataDir, server: 'https://apiserver:6443', hostnames: [] };
    prepareDataDirectory(options);
    const files = ['pki/apiserver.crt', 'pki/known-tokens.csv', 'kubeconfig', 'scheduler.conf'].map((file) => join(dataDir, file));
    const before = files.map((file) => readFileSync(file, 'utf8'));
    prepareDataDirectory({ ...options, hostnames: ['other'] });
    expect(files.map((file) => readFileSync(file, 'utf8'))).toEqual(before);
  });
});
