import type { KubeObject } from '@drydock/util';
import { isAlreadyExists, resources } from '@drydock/client';
import { createNamespace, eventually, useControllers } from './support/use-controllers';

interface NodeObject extends KubeObject {
  spec?: { taints?: { key: string; effect: string; timeAdded?: string }[] };
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string }[] };
}

const ns = 'node-e2e';
const time = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const micro = () => new Date().toISOString().replace('Z', '000Z');

describe('node lifecycle and pod GC against a real Drydock (clock scale 10: 40 s grace = 4 s)', () => {
  const harness = useControllers();

  beforeAll(async () => {
    const { client } = harness();
    await createNamespace(client, ns);
    await createNamespace(client, 'kube-node-lease').catch((error) => { if (!isAlreadyExists(error)) throw error; });
  });

  const readyNode = async (name: string) => {
    const { client } = harness();
    const node = await client.create<NodeObject>(resources.nodes, '', { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
    await client.update(resources.nodes, { ...node, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: time(), lastTransitionTime: time() }] } }, { subresource: 'status' });
    await client.create(resources.leases, 'kube-node-lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: micro() } });
  };
  const boundPod = (name: string, node: string, tolerationSeconds?: number) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }], ...(tolerationSeconds !== undefined ? { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds }] } : {}) },
  });
  const node = async (name: string) => (await harness().client.get<NodeObject>(resources.nodes, '', name))!;

  it('a node whose Lease stops renewing becomes Ready=Unknown, is tainted unreachable, and loses short-tolerating pods', async () => {
    const { client } = harness();
    await readyNode('silent');
    await client.create(resources.pods, ns, boundPod('short', 'silent', 20));
    await client.create(resources.pods, ns, boundPod('default', 'silent'));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await node('silent')).status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    await eventually('Ready=Unknown', async () => (await node('silent')).status?.conditions?.find((c) => c.type === 'Ready')?.status === 'Unknown', 15_000);
    expect((await node('silent')).status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    await eventually('unreachable taints', async () => {
      const taints = (await node('silent')).spec?.taints ?? [];
      return taints.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoSchedule') && taints.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute' && !!t.timeAdded);
    });
    await eventually('the 20 s-tolerating pod evicted', async () => { const pod = await client.get(resources.pods, ns, 'short'); return !pod || !!pod.metadata.deletionTimestamp; }, 15_000);
    expect((await client.get(resources.pods, ns, 'default'))?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('a node that reports Ready again loses the taints', async () => {
    const { client } = harness();
    const lease = (await client.get<KubeObject & { spec: Record<string, unknown> }>(resources.leases, 'kube-node-lease', 'silent'))!;
    await client.update(resources.leases, { ...lease, spec: { ...lease.spec, renewTime: micro() } });
    const current = await node('silent');
    const conditions = (current.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: time(), lastTransitionTime: time() } : c));
    await client.update(resources.nodes, { ...current, status: { ...current.status, conditions } }, { subresource: 'status' });
    await eventually('taints removed', async () => !((await node('silent')).spec?.taints ?? []).some((t) => t.key.startsWith('node.kubernetes.io/')), 15_000);
  });

  it('kubectl cordon taints the node node.kubernetes.io/unschedulable:NoSchedule; uncordon lifts it', async () => {
    const { kubectl } = harness();
    await readyNode('cordoned');
    expect((await kubectl('cordon', 'cordoned')).code).toBe(0);
    await eventually('unschedulable taint', async () => ((await node('cordoned')).spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/unschedulable' && t.effect === 'NoSchedule'));
    expect((await kubectl('uncordon', 'cordoned')).code).toBe(0);
    await eventually('taint lifted', async () => !((await node('cordoned')).spec?.taints ?? []).some((t) => t.key === 'node.kubernetes.io/unschedulable'));
  });

  it('pod GC force-deletes pods bound to a node that does not exist', async () => {
    const { client } = harness();
    await client.create(resources.pods, ns, boundPod('ghost-pod', 'no-such-node'));
    await eventually('orphan collected', async () => !(await client.get(resources.pods, ns, 'ghost-pod')), 20_000);
  });

  it('pod GC keeps at most the threshold of terminated pods, deleting the oldest', async () => {
    const { client, startManager } = harness();
    await startManager({ controllers: ['podgc'], settings: { terminatedPodGcThreshold: 2 } });
    for (const name of ['done-1', 'done-2', 'done-3', 'done-4']) {
      await client.create(resources.pods, ns, { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
      await client.patch(resources.pods, ns, name, { status: { phase: 'Succeeded' } }, 'merge', { subresource: 'status' });
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    await eventually('two oldest collected', async () => !(await client.get(resources.pods, ns, 'done-1')) && !(await client.get(resources.pods, ns, 'done-2')), 20_000);
    expect(await client.get(resources.pods, ns, 'done-3')).not.toBeNull();
    expect(await client.get(resources.pods, ns, 'done-4')).not.toBeNull();
  });
});
