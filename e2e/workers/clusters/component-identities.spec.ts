import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { resources } from '@drydock/client';
import { signNodeToken } from '@drydock/util';
import { eventually, useControllers } from '../controllers/support/use-controllers';

const WAIT_MS = 120_000;

/**
 * Drydock's own workers run with their own identities and upstream's least-privilege roles (issue 9):
 * the scheduler as system:kube-scheduler, the controller-manager as system:kube-controller-manager with
 * each controller as its ServiceAccount, kubelets as system:node:<name> held by the Node authorizer and
 * NodeRestriction; and the whole control loop still works, in the default cluster and in a sandbox.
 */
describe('component identities', () => {
  const harness = useControllers({ manager: false, controlLoop: true, clockScale: 10 });

  /** A kubeconfig for `token`, beside the admin's (same server and CA). */
  const kubeconfigWith = (file: string, token: string, path = '') => {
    const config = parse(readFileSync(harness().kubeconfigPath, 'utf8')) as { clusters: { cluster: { server: string } }[]; users: { user: { token: string } }[] };
    config.clusters[0].cluster.server += path;
    config.users[0].user.token = token;
    const target = join(harness().dataDir, file);
    writeFileSync(target, stringify(config), { mode: 0o600 });
    return target;
  };
  const nodeKey = () => readFileSync(join(harness().dataDir, 'pki', 'node-credentials.key'), 'utf8').trim();
  const as = (kubeconfig: string, ...args: string[]) => harness().kubectl('--kubeconfig', kubeconfig, ...args);

  /** Runs a Deployment of one pod on `node`, scales it to 2, and checks logs and exec of a running pod. */
  async function controlLoopWorks(kubeconfig: string, name: string): Promise<void> {
    const create = await as(kubeconfig, 'create', 'deployment', name, '--image=nginx:1.27', '--replicas=1');
    expect(create.stderr).toBe('');
    expect((await as(kubeconfig, 'scale', `deployment/${name}`, '--replicas=2')).code).toBe(0);
    const rollout = await as(kubeconfig, 'rollout', 'status', `deployment/${name}`, '--timeout=90s');
    expect(rollout.stdout).toContain('successfully rolled out');
    const pods = JSON.parse((await as(kubeconfig, 'get', 'pods', '-l', `app=${name}`, '-o', 'json')).stdout) as { items: { metadata: { name: string }; status: { phase: string } }[] };
    expect(pods.items.filter((pod) => pod.status.phase === 'Running')).toHaveLength(2);
    const pod = pods.items[0].metadata.name;
    const exec = await as(kubeconfig, 'exec', pod, '--', 'echo', 'hello from', name);
    expect(exec.stdout.trim()).toBe(`hello from ${name}`);
    const logs = await as(kubeconfig, 'logs', pod);
    expect(logs.code).toBe(0);
    expect(logs.stdout.length).toBeGreaterThan(0);
  }

  it('gives the scheduler upstream\'s system:kube-scheduler role: it may bind pods, not delete nodes', async () => {
    const { kubectl } = harness();
    // kubectl reads `pods/binding` as TYPE/NAME (a pod named binding); the subresource is --subresource.
    expect((await kubectl('auth', 'can-i', '--as=system:kube-scheduler', 'create', 'pods', '--subresource=binding')).stdout.trim()).toBe('yes');
    expect((await kubectl('auth', 'can-i', '--as=system:kube-scheduler', 'create', 'pods')).stdout.trim()).toBe('no');
    const deleteNodes = await kubectl('auth', 'can-i', '--as=system:kube-scheduler', 'delete', 'nodes');
    expect(deleteNodes.stdout.trim()).toBe('no');
    expect((await kubectl('auth', 'can-i', '--as=system:serviceaccount:kube-system:replicaset-controller', 'create', 'pods')).stdout.trim()).toBe('yes');
    expect((await kubectl('auth', 'can-i', '--as=system:serviceaccount:kube-system:replicaset-controller', 'delete', 'nodes')).stdout.trim()).toBe('no');
    const whoami = await kubectl('--kubeconfig', join(harness().dataDir, 'scheduler.conf'), 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}');
    expect(whoami.stdout).toBe('system:kube-scheduler');
  });

  it('runs the control loop with those identities: a Deployment scales, its pods run, logs and exec work', async () => {
    await controlLoopWorks(harness().kubeconfigPath, 'web');
    // The audit log says who did it: the ReplicaSet controller as its ServiceAccount, the scheduler as itself.
    const writers = async (selector: string) => (await harness().client.list(resources.auditevents, { fieldSelector: selector })).items.length;
    await eventually('the audit records of the controllers\' and the scheduler\'s writes', async () =>
      (await writers('user.username=system:serviceaccount:kube-system:replicaset-controller,verb=create,objectRef.resource=pods')) > 0 &&
      (await writers('user.username=system:kube-scheduler,objectRef.subresource=binding')) > 0 &&
      (await writers('user.username=drydock-admin,objectRef.subresource=binding')) === 0 &&
      // Each kubelet writes as its node: its Lease and its pods' status.
      (await writers('user.username=system:node:node-1,objectRef.resource=leases')) > 0 &&
      (await writers('user.username=system:node:node-1,objectRef.subresource=status,objectRef.resource=pods')) +
        (await writers('user.username=system:node:node-2,objectRef.subresource=status,objectRef.resource=pods')) +
        (await writers('user.username=system:node:node-3,objectRef.subresource=status,objectRef.resource=pods')) > 0 &&
      (await writers('user.username=system:drydock:node-simulator,objectRef.subresource=status')) === 0 &&
      // A create's record names the object it made, though its URL names none.
      (await writers('user.username=drydock-admin,verb=create,objectRef.resource=deployments,objectRef.name=web')) === 1, 10_000);
  }, WAIT_MS);

  it('holds a node to its own pods\' secrets (Node authorizer) and its own Node (NodeRestriction)', async () => {
    const { client, kubectl } = harness();
    await client.create(resources.secrets, 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-password' }, stringData: { password: 's3cret' } });
    const pinned = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db' }, spec: { nodeName: 'node-1', containers: [{ name: 'db', image: 'postgres:17', env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db-password', key: 'password' } } }] }] } };
    await client.create(resources.pods, 'default', pinned);
    const node1 = kubeconfigWith('node-1.conf', signNodeToken(nodeKey(), { cluster: 'default', node: 'node-1' }));
    const node2 = kubeconfigWith('node-2.conf', signNodeToken(nodeKey(), { cluster: 'default', node: 'node-2' }));
    expect((await as(node1, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}')).stdout).toBe('system:node:node-1');
    expect((await as(node1, 'get', 'secret', 'db-password', '-o', 'name')).stdout.trim()).toBe('secret/db-password');
    const refused = await as(node2, 'get', 'secret', 'db-password');
    expect(refused.stderr).toContain('Error from server (Forbidden): secrets "db-password" is forbidden: User "system:node:node-2" cannot get resource "secrets" in API group "" in the namespace "default": no relationship found between node \'node-2\' and this object');
    expect((await as(node2, 'label', 'node', 'node-2', 'disk=ssd')).code).toBe(0);
    const other = await as(node2, 'label', 'node', 'node-1', 'disk=ssd');
    expect(other.stderr).toContain('nodes "node-1" is forbidden: node "node-2" is not allowed to modify node "node-1"');
    const deletePod = await as(node2, 'delete', 'pod', 'db', '--wait=false');
    expect(deletePod.stderr).toContain('node "node-2" can only delete pods with spec.nodeName set to itself');
    expect((await kubectl('get', 'pod', 'db', '-o', 'name')).stdout.trim()).toBe('pod/db');
  });

  it('answers every request with an Audit-Id header: the client\'s own Audit-ID, else a new UUID', async () => {
    const config = parse(readFileSync(harness().kubeconfigPath, 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority-data': string } }[]; users: { user: { token: string } }[] };
    const auditIdOf = (headers: Record<string, string>) => new Promise<string | undefined>((resolve, reject) => {
      const req = request(`${config.clusters[0].cluster.server}/api/v1/namespaces/default/pods`, { ca: Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64'), headers }, (res) => { res.resume(); resolve(res.headers['audit-id'] as string | undefined); });
      req.on('error', reject);
      req.end();
    });
    expect(await auditIdOf({ Authorization: `Bearer ${config.users[0].user.token}` })).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await auditIdOf({ Authorization: `Bearer ${config.users[0].user.token}`, 'Audit-ID': 'my-request-1' })).toBe('my-request-1');
    expect(await auditIdOf({})).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('runs a sandbox cluster\'s control loop the same way, and its credentials are refused elsewhere', async () => {
    const { client, kubectl } = harness();
    await client.create(resources.clusters, '', { apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name: 'lab' }, spec: { owner: { user: 'alice' }, nodes: 2, clockScale: 10 } });
    await eventually('cluster lab Ready', async () => ((await client.get(resources.clusters, '', 'lab'))?.status as { phase?: string } | undefined)?.phase === 'Ready', WAIT_MS);
    const lab = kubeconfigWith('lab-admin.conf', (parse(readFileSync(harness().kubeconfigPath, 'utf8')) as { users: { user: { token: string } }[] }).users[0].user.token, '/clusters/lab');
    await controlLoopWorks(lab, 'lab-web');
    // The sandbox's controllers ran as the sandbox's own ServiceAccounts.
    expect((await as(lab, 'get', 'serviceaccount', 'replicaset-controller', '-n', 'kube-system', '-o', 'name')).stdout.trim()).toBe('serviceaccount/replicaset-controller');
    // A token of the sandbox's ServiceAccount, and a node token of the sandbox, authenticate no one in the default cluster.
    const token = (await as(lab, 'create', 'token', 'replicaset-controller', '-n', 'kube-system')).stdout.trim();
    expect((await as(kubeconfigWith('lab-sa.conf', token, '/clusters/lab'), 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}')).stdout).toBe('system:serviceaccount:kube-system:replicaset-controller');
    expect((await as(kubeconfigWith('lab-sa-default.conf', token), 'get', 'pods')).stderr).toContain('Unauthorized');
    const labNode = signNodeToken(nodeKey(), { cluster: 'lab', node: 'node-1' });
    expect((await as(kubeconfigWith('lab-node.conf', labNode, '/clusters/lab'), 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}')).stdout).toBe('system:node:node-1');
    expect((await as(kubeconfigWith('lab-node-default.conf', labNode), 'get', 'nodes')).stderr).toContain('Unauthorized');
    await kubectl('delete', 'cluster', 'lab', '--wait=false');
  }, WAIT_MS * 2);
});
