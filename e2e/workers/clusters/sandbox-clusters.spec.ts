import { request } from 'node:http';
import { ClusterClients, KubeClient, loadKubeconfig, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { eventually, useDrydock } from '../support/use-drydock';
import { runKubectl } from '../controllers/support/use-controllers';

interface Listed extends KubeObject {
  spec?: Record<string, unknown> & { nodeName?: string; taints?: { key: string }[] };
  status?: Record<string, unknown> & { phase?: string; conditions?: { type: string; status: string }[]; capacity?: Record<string, string> };
}

const WAIT_MS = 150_000;

function deployment(name: string, replicas: number, nodeSelector?: Record<string, string>) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { nodeSelector, containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  };
}

const isReadyNode = (node: Listed) => node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** 'refused' once nothing listens at the kubelet endpoint any more. */
function probe(endpoint: string): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    const req = request(`${endpoint}/healthz`, { timeout: 5_000 }, (res) => { res.resume(); resolve('open'); });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : 'open'));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/**
 * The workers serve every sandbox cluster from the same three processes (issue 10): each Cluster object
 * gets its nodes from its spec, its controllers and its scheduler; clusters do not see each other's
 * objects, one cluster's backlog does not hold another's pods, and deleting a Cluster stops its nodes.
 */
describe('sandbox clusters served by one scheduler, controller-manager and node simulator', () => {
  const drydock = useDrydock({ name: 'sandbox-clusters', nodes: 1, controlLoop: true, clockScale: 10 });
  let clients: ClusterClients;
  let admin: KubeClient;
  const pods = async (cluster: string, app: string) => (await clients.forCluster(cluster).list<Listed>(resources.pods, { namespace: 'default', labelSelector: `app=${app}` })).items;
  const running = async (cluster: string, app: string) => (await pods(cluster, app)).filter((pod) => pod.status?.phase === 'Running');
  const phase = async (name: string) => (await admin.get<Listed>(resources.clusters, '', name))?.status?.phase;

  beforeAll(async () => {
    clients = new ClusterClients(loadKubeconfig(drydock().kubeconfigPath, 'sandbox-clusters-e2e'));
    admin = clients.forCluster('default');
    await admin.create(resources.clusters, '', { apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name: 'lab' }, spec: { owner: { user: 'alice' }, nodes: 2, clockScale: 10 } });
    await admin.create(resources.clusters, '', {
      apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name: 'blue' },
      spec: {
        owner: { team: 'blue' }, clockScale: 10,
        nodePools: [{ name: 'general', count: 2, labels: { tier: 'blue' } }, { name: 'db', count: 1, capacity: { cpu: '16' }, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }],
      },
    });
  }, WAIT_MS);

  afterAll(() => clients?.close());

  it("makes each Cluster's nodes from its spec, Ready, so the API server reports the cluster Ready", async () => {
    await eventually('lab and blue Ready', async () => (await phase('lab')) === 'Ready' && (await phase('blue')) === 'Ready', WAIT_MS);
    const lab = (await clients.forCluster('lab').list<Listed>(resources.nodes)).items;
    const blue = (await clients.forCluster('blue').list<Listed>(resources.nodes)).items;
    expect(lab.map((node) => node.metadata.name).sort()).toEqual(['node-1', 'node-2']);
    expect(blue.map((node) => node.metadata.name).sort()).toEqual(['db-1', 'general-1', 'general-2']);
    expect([...lab, ...blue].every(isReadyNode)).toBe(true);
    const db = blue.find((node) => node.metadata.name === 'db-1')!;
    expect(db.spec?.taints).toEqual([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    expect(db.status?.capacity?.cpu).toBe('16');
    expect(blue.find((node) => node.metadata.name === 'general-1')!.metadata.labels).toMatchObject({ tier: 'blue' });
    // The default cluster keeps its own single node.
    expect((await admin.list<Listed>(resources.nodes)).items.map((node) => node.metadata.name)).toEqual(['node-1']);
  }, WAIT_MS);

  it('runs a Deployment in each cluster on that cluster’s nodes only, with no object crossing over', async () => {
    await clients.forCluster('lab').create(resources.deployments, 'default', deployment('web', 2));
    await clients.forCluster('blue').create(resources.deployments, 'default', deployment('web', 3));
    await eventually('2 Running pods in lab and 3 in blue', async () => (await running('lab', 'web')).length === 2 && (await running('blue', 'web')).length === 3, WAIT_MS);
    expect((await pods('lab', 'web')).map((pod) => pod.spec?.nodeName).every((node) => ['node-1', 'node-2'].includes(node!))).toBe(true);
    // The db pool's taint keeps blue's pods on its general pool.
    expect((await pods('blue', 'web')).map((pod) => pod.spec?.nodeName).every((node) => ['general-1', 'general-2'].includes(node!))).toBe(true);
    expect(await pods('default', 'web')).toEqual([]);
    expect(await admin.get(resources.deployments, 'default', 'web')).toBeNull();
    const labReplicaSets = (await clients.forCluster('lab').list<Listed>(resources.replicasets, { namespace: 'default' })).items;
    const blueReplicaSets = (await clients.forCluster('blue').list<Listed>(resources.replicasets, { namespace: 'default' })).items;
    expect(labReplicaSets.map((rs) => rs.spec?.replicas)).toEqual([2]);
    expect(blueReplicaSets.map((rs) => rs.spec?.replicas)).toEqual([3]);
    await eventually('each Deployment available in its own cluster', async () => {
      const lab = await clients.forCluster('lab').get<Listed>(resources.deployments, 'default', 'web');
      const blue = await clients.forCluster('blue').get<Listed>(resources.deployments, 'default', 'web');
      return lab?.status?.availableReplicas === 2 && blue?.status?.availableReplicas === 3;
    }, WAIT_MS);
  }, WAIT_MS);

  it("schedules a cluster's pods while another cluster is flooded with pods that fit nowhere", async () => {
    await clients.forCluster('lab').create(resources.deployments, 'default', deployment('flood', 300, { 'e2e.drydock.dev/no-such-node': 'true' }));
    await eventually('300 pending pods in lab', async () => (await pods('lab', 'flood')).length === 300, WAIT_MS);
    await clients.forCluster('blue').create(resources.deployments, 'default', deployment('after-flood', 3));
    await eventually("blue's 3 new pods Running", async () => (await running('blue', 'after-flood')).length === 3, WAIT_MS);
    const flood = await pods('lab', 'flood');
    expect(flood.filter((pod) => pod.spec?.nodeName)).toEqual([]);
    expect(await pods('blue', 'flood')).toEqual([]);
  }, WAIT_MS * 2);

  it("alice drains every node of her cluster with kubectl and deletes its pods; blue's and the default cluster's objects keep their resourceVersions", async () => {
    await admin.create(resources.deployments, 'default', deployment('steady', 1));
    await eventually("the default cluster's pod Running", async () => (await running('default', 'steady')).length === 1, WAIT_MS);
    const kinds = [resources.deployments, resources.replicasets, resources.pods, resources.configmaps, resources.services, resources.serviceaccounts, resources.secrets, resources.namespaces];
    /** Every object of those kinds in `cluster` by kind, namespace and name, with its uid and resourceVersion. */
    const state = async (cluster: string) => {
      const lists = await Promise.all(kinds.map(async (kind) => (await clients.forCluster(cluster).list<Listed>(kind)).items.map((item) => `${kind.resource} ${item.metadata.namespace ?? ''}/${item.metadata.name} ${item.metadata.uid} ${item.metadata.resourceVersion}`)));
      return lists.flat().sort();
    };
    // Settled first: the Deployments' status and the pods' Ready writes of the tests before have landed.
    let before: Record<string, string[]> = {};
    await eventually('blue and default settled (the same state 3 s apart)', async () => {
      const first = { blue: await state('blue'), default: await state('default') };
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      before = { blue: await state('blue'), default: await state('default') };
      return JSON.stringify(first) === JSON.stringify(before);
    }, WAIT_MS);
    expect(before.blue.filter((line) => line.startsWith('pods ')).length).toBeGreaterThanOrEqual(6);

    // As alice, the owner (cluster-admin in lab), through the real kubectl at /clusters/lab.
    const server = `${loadKubeconfig(drydock().kubeconfigPath, 'x').server}/clusters/lab`;
    const asAlice = (...args: string[]) => runKubectl(drydock().kubeconfigPath, [`--server=${server}`, '--as=alice', ...args]);
    const drained = await asAlice('drain', 'node-1', 'node-2', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=120s');
    expect(drained).toMatchObject({ code: 0 });
    expect(drained.stdout).toContain('node/node-2 drained');
    const deleted = await asAlice('delete', 'pods', '--all', '-n', 'default', '--wait=false');
    expect(deleted).toMatchObject({ code: 0 });
    const nodes = (await asAlice('get', 'nodes', '--no-headers')).stdout;
    expect(nodes.match(/SchedulingDisabled/g)).toHaveLength(2);
    await eventually("lab's pods all Pending again (no node takes them)", async () => {
      const labPods = await pods('lab', 'web');
      return labPods.length === 2 && labPods.every((pod) => !pod.spec?.nodeName);
    }, WAIT_MS);

    expect({ blue: await state('blue'), default: await state('default') }).toEqual(before);
  }, WAIT_MS * 3);

  it("stops a deleted cluster's nodes (their kubelet server closes) and leaves the other cluster running", async () => {
    const labNodes = (await clients.forCluster('lab').list<Listed>(resources.nodes)).items;
    const endpoints = [...new Set(labNodes.map((node) => node.metadata.annotations?.['sim.drydock.dev/kubelet-endpoint'] ?? ''))];
    expect(endpoints.every((endpoint) => endpoint.startsWith('http://'))).toBe(true);
    expect(await Promise.all(endpoints.map(probe))).toEqual(endpoints.map(() => 'open'));
    await admin.delete(resources.clusters, '', 'lab');
    await eventually('the Cluster lab gone', async () => (await admin.get(resources.clusters, '', 'lab')) === null, WAIT_MS);
    await eventually("lab's kubelet server closed", async () => (await Promise.all(endpoints.map(probe))).every((answer) => answer === 'refused'), WAIT_MS);
    expect(await phase('blue')).toBe('Ready');
    await clients.forCluster('blue').patch(resources.deployments, 'default', 'web', { spec: { replicas: 4 } }, 'merge');
    await eventually('4 Running pods in blue', async () => (await running('blue', 'web')).length === 4, WAIT_MS);
  }, WAIT_MS * 2);
});
