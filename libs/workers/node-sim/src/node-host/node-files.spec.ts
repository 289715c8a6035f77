import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PodVolumes } from '../kubelet/pod-volumes';
import { ensureNodeFiles } from './node-files';

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-node-files-'));
  mkdirSync(join(dir, 'pki'));
  writeFileSync(join(dir, 'pki', 'ca.crt'), 'CERTIFICATE');
  writeFileSync(join(dir, 'pki', 'apiserver.key'), 'PRIVATE KEY');
  writeFileSync(join(dir, 'kubeconfig'), 'clusters:\n- cluster:\n    server: https://127.0.0.1:7443\n');
  return dir;
}

describe('a node\'s files as kubeadm leaves them', () => {
  it('writes the kubelet\'s config and kubeconfigs without any secret, and the CA certificate but no private key', () => {
    const dir = dataDir();
    const root = ensureNodeFiles({ dataDir: dir, node: 'controlplane', hostIP: '10.0.0.4' });
    expect(readFileSync(join(root, 'var/lib/kubelet/config.yaml'), 'utf8')).toContain('staticPodPath: /etc/kubernetes/manifests');
    const admin = readFileSync(join(root, 'etc/kubernetes/admin.conf'), 'utf8');
    expect(admin).toContain('server: https://127.0.0.1:7443');
    expect(admin).toContain('client-key-data: DATA+OMITTED');
    expect(readFileSync(join(root, 'etc/kubernetes/pki/ca.crt'), 'utf8')).toBe('CERTIFICATE');
    expect(existsSync(join(root, 'etc/kubernetes/pki/apiserver.key'))).toBe(false);
    expect(existsSync(join(ensureNodeFiles({ dataDir: dir, node: 'node-1', hostIP: '10.0.0.1' }), 'etc/kubernetes/admin.conf'))).toBe(false);
  });

  it('keeps what a user changed', () => {
    const dir = dataDir();
    const root = ensureNodeFiles({ dataDir: dir, node: 'node-1', hostIP: '10.0.0.1' });
    writeFileSync(join(root, 'var/lib/kubelet/config.yaml'), 'edited');
    ensureNodeFiles({ dataDir: dir, node: 'node-1', hostIP: '10.0.0.1' });
    expect(readFileSync(join(root, 'var/lib/kubelet/config.yaml'), 'utf8')).toBe('edited');
  });

  it('mounts a hostPath volume from the node\'s root, never from outside it', async () => {
    const root = ensureNodeFiles({ dataDir: dataDir(), node: 'node-1', hostIP: '10.0.0.1' });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { volumes: [{ name: 'host', hostPath: { path: '/' } }, { name: 'escape', hostPath: { path: '/../../..' } }] } };
    const volumes = new PodVolumes({ pod: () => pod, podIP: () => '10.244.1.2', lookup: { configMap: () => undefined, secret: () => undefined }, now: () => new Date(), nodeRoot: () => root });
    const mounts = volumes.mounts({ name: 'c', volumeMounts: [{ name: 'host', mountPath: '/host' }, { name: 'escape', mountPath: '/escape' }] });
    expect(mounts.map((m) => m.mountPoint)).toEqual(['/host']);
    expect(await mounts[0].filesystem.readFile('/etc/hostname')).toBe('node-1\n');
  });
});
