import { Bash } from 'just-bash';
import { FakeKubeClient, resources } from '@drydock/client';
import { apiEtcdView } from '../../control-plane/etcd-view';
import { etcdctlCommand } from './etcdctl.command';

async function setup() {
  const client = new FakeKubeClient();
  await client.create(resources.pods, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' } });
  await client.create(resources.pods, 'kube-system', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'etcd-controlplane', namespace: 'kube-system' } });
  await client.create(resources.services, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' } });
  await client.create(resources.nodes, '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
  await client.create(resources.deployments, 'default', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } });
  const bash = new Bash({ customCommands: [etcdctlCommand(apiEtcdView(client), { name: 'controlplane', advertiseAddress: '10.0.0.4' })] });
  return async (line: string) => {
    const result = await bash.exec(line);
    return { stdout: result.stdout, stderr: result.stderr, code: result.exitCode };
  };
}

describe('etcdctl in the etcd pod, over the store as etcd\'s key space', () => {
  it('lists keys in upstream\'s layout, sorted, each followed by a blank line with --keys-only', async () => {
    const etcdctl = await setup();
    expect((await etcdctl('etcdctl get / --prefix --keys-only')).stdout).toBe(
      ['/registry/deployments/default/web', '/registry/minions/node-1', '/registry/pods/default/web', '/registry/pods/kube-system/etcd-controlplane', '/registry/services/specs/default/kubernetes'].map((key) => `${key}\n\n`).join(''),
    );
    expect((await etcdctl('etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt get /registry/pods/default --prefix --keys-only')).stdout).toBe('/registry/pods/default/web\n\n');
    expect((await etcdctl('etcdctl get / --prefix --keys-only --limit 1')).stdout).toBe('/registry/deployments/default/web\n\n');
  });

  it('prints a key and its object, and -w json with base64 keys and the count', async () => {
    const etcdctl = await setup();
    const [key, value] = (await etcdctl('etcdctl get /registry/minions/node-1')).stdout.split('\n');
    expect(key).toBe('/registry/minions/node-1');
    expect(JSON.parse(value)).toMatchObject({ kind: 'Node', apiVersion: 'v1', metadata: { name: 'node-1' } });
    const json = JSON.parse((await etcdctl('etcdctl get /registry/pods --prefix -w json')).stdout);
    expect(json.count).toBe(2);
    expect(Buffer.from(json.kvs[0].key, 'base64').toString()).toBe('/registry/pods/default/web');
  });

  it('answers endpoint health and member list, and refuses writes', async () => {
    const etcdctl = await setup();
    expect((await etcdctl('etcdctl --endpoints=https://127.0.0.1:2379 endpoint health')).stdout).toMatch(/^https:\/\/127\.0\.0\.1:2379 is healthy: successfully committed proposal: took = /);
    expect((await etcdctl('etcdctl member list')).stdout).toBe('8e9e05c52164694d, started, controlplane, https://10.0.0.4:2380, https://10.0.0.4:2379, false\n');
    expect((await etcdctl('etcdctl put /registry/x y')).code).toBe(1);
    expect(await etcdctl('etcdctl get')).toMatchObject({ code: 1, stderr: 'Error: get command needs one argument as key and an optional argument as range_end\n' });
  });
});
