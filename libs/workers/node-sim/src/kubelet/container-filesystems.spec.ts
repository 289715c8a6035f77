import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '@drydock/util';
import { createClock } from '@drydock/util';
import { whichCommand } from '../shell/commands/which.command';
import { ContainerShell } from '../shell/container-shell';
import { imageLayout } from '../runtime/image-layouts';
import type { ObjectLookup } from './container-environment';
import { ContainerFilesystems } from './container-filesystems';

const configMaps = new Map<string, KubeObject>();
const lookup: ObjectLookup = { configMap: (ns, name) => configMaps.get(`${ns}/${name}`), secret: () => undefined };

function pod(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop', uid: 'u1', labels: { app: 'web', tier: 'front' } }, spec };
}

function shellFor(filesystems: ContainerFilesystems, object: KubeObject, containerName: string, id = containerName, volumesDirectory?: string) {
  const container = ((object.spec as { containers: Array<{ name: string; image: string }> }).containers).find((c) => c.name === containerName)!;
  const context = { pod: () => object, podIP: () => '10.244.1.5', lookup, now: () => new Date(), volumesDirectory };
  const fs = filesystems.get('shop/web-1', id, container, context);
  const shell = new ContainerShell({ fs, env: { HOME: '/root', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' }, clock: createClock(1000), commands: [whichCommand(imageLayout(container.image).binDirectory)] });
  return async (script: string) => {
    let out = '';
    const code = await shell.run(['sh', '-c', script], { output: (_stream, chunk) => (out += chunk.toString()) });
    return { code, out };
  };
}

describe('container filesystems (image layout, kubelet files, volumes)', () => {
  it('lays out the image: busybox has no os-release and keeps sh in /bin, debian-based nginx in /usr/bin', async () => {
    const object = pod({ containers: [{ name: 'box', image: 'busybox:1.36' }, { name: 'web', image: 'nginx:1.27' }] });
    const filesystems = new ContainerFilesystems();
    const box = shellFor(filesystems, object, 'box');
    expect((await box('ls /')).out).toBe('bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n');
    expect(await box('cat /etc/os-release; which sh')).toEqual({ code: 0, out: "cat: can't open '/etc/os-release': No such file or directory\n/bin/sh\n" });
    const web = shellFor(filesystems, object, 'web');
    expect((await web('grep PRETTY /etc/os-release; which sh; head -1 /etc/hosts; tail -1 /etc/hosts; cat /etc/hostname')).out).toBe('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n/usr/bin/sh\n# Kubernetes-managed hosts file.\n10.244.1.5\tweb-1\nweb-1\n');
  });

  it('shares an emptyDir between the pod\'s containers, keeps writes apart otherwise, and loses both with the pod', async () => {
    const spec = { volumes: [{ name: 'shared', emptyDir: {} }], containers: ['a', 'b'].map((name) => ({ name, image: 'busybox', volumeMounts: [{ name: 'shared', mountPath: '/shared' }] })) };
    const filesystems = new ContainerFilesystems();
    await shellFor(filesystems, pod(spec), 'a')('echo hi > /shared/note; echo mine > /tmp/own');
    expect((await shellFor(filesystems, pod(spec), 'b')('cat /shared/note; cat /tmp/own')).out).toBe("hi\ncat: can't open '/tmp/own': No such file or directory\n");
    filesystems.dropPod('shop/web-1');
    expect((await shellFor(filesystems, pod(spec), 'b', 'b2')('ls /shared')).out).toBe('');
  });

  it('writes a ConfigMap volume as upstream does (..data, timestamped directory, key symlinks) and follows the ConfigMap', async () => {
    configMaps.set('shop/app', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', resourceVersion: '1' }, data: { 'app.yaml': 'debug: true\n' } });
    const spec = { volumes: [{ name: 'cfg', configMap: { name: 'app' } }, { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }], containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'cfg', mountPath: '/etc/config' }, { name: 'info', mountPath: '/etc/podinfo' }] }] };
    const run = shellFor(new ContainerFilesystems(), pod(spec), 'c');
    const first = await run('ls -a /etc/config; readlink /etc/config/app.yaml; cat /etc/config/app.yaml; cat /etc/podinfo/labels');
    expect(first.out).toMatch(/^\.\n\.\.\n\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d{9}\n\.\.data\napp\.yaml\n\.\.data\/app\.yaml\ndebug: true\napp="web"\ntier="front"$/);
    const before = (await run('readlink /etc/config/..data')).out;
    configMaps.set('shop/app', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', resourceVersion: '2' }, data: { 'app.yaml': 'debug: false\n' } });
    expect((await run('cat /etc/config/app.yaml')).out).toBe('debug: false\n');
    expect((await run('readlink /etc/config/..data')).out).not.toBe(before);
  });

  it('mounts a volume inside another (an emptyDir at /data, a ConfigMap at /data/conf), as Kubernetes allows and Drydock\'s own Helm chart does', async () => {
    configMaps.set('shop/pki', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pki', resourceVersion: '1' }, data: { 'ca.crt': 'CA\n' } });
    const spec = { volumes: [{ name: 'data', emptyDir: {} }, { name: 'conf', configMap: { name: 'pki' } }], containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'conf', mountPath: '/data/conf/' }, { name: 'data', mountPath: '/data' }] }] };
    const run = shellFor(new ContainerFilesystems(), pod(spec), 'c');
    expect(await run('echo kept > /data/own; cat /data/own /data/conf/ca.crt; ls /data')).toEqual({ code: 0, out: 'kept\nCA\nconf\nown\n' });
  });

  it('keeps a PVC\'s files on disk for the next pod and the next simulator', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'drydock-pvc-'));
    const spec = { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'db' } }], containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] };
    await shellFor(new ContainerFilesystems(), pod(spec), 'c', 'c', directory)('echo kept > /data/file');
    expect((await shellFor(new ContainerFilesystems(), pod(spec), 'c', 'c', directory)('cat /data/file')).out).toBe('kept\n');
  });
});
