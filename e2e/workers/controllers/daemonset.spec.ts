import type { KubeObject } from '@drydock/util';
import { resources } from '@drydock/client';
import { eventually, useDrydock } from '../support/use-drydock';

interface Listed extends KubeObject {
  spec?: Record<string, unknown> & { nodeName?: string; containers?: { image: string }[]; taints?: { key: string }[] };
  status?: Record<string, unknown> & { phase?: string };
  revision?: number;
}

const ns = 'ds-e2e';
const taint = { key: 'e2e.drydock.dev/reserved', value: 'yes', effect: 'NoSchedule' };
const daemonSet = (image: string) => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image }] } } },
});

describe('DaemonSet reconciler in a running Drydock (3 simulated nodes)', () => {
  const drydock = useDrydock({ name: 'daemonset-controller', nodes: 3, controlLoop: true, clockScale: 20 });
  const client = () => drydock().client();
  const pods = async () => (await client().list<Listed>(resources.pods, { namespace: ns, labelSelector: 'app=agent' })).items.filter((p) => !p.metadata.deletionTimestamp);
  const running = async () => (await pods()).filter((p) => p.status?.phase === 'Running' && p.spec?.nodeName);

  beforeAll(async () => {
    await eventually('3 nodes', async () => (await client().list(resources.nodes)).items.length === 3, 40_000);
    await client().create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    await client().patch(resources.nodes, '', 'node-3', { spec: { taints: [taint] } }, 'merge');
  });

  it('runs one pod per eligible node, pinned by a metadata.name node affinity, with the default tolerations', async () => {
    const ds = await client().create<KubeObject>(resources.daemonsets, ns, daemonSet('registry.k8s.io/pause:3.9'));
    await eventually('2 running pods on node-1 and node-2', async () => (await running()).map((p) => p.spec!.nodeName).sort().join() === 'node-1,node-2', 40_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const created = await pods();
    expect(created.map((p) => p.spec!.nodeName).sort()).toEqual(['node-1', 'node-2']);
    for (const pod of created) {
      expect(pod.metadata.name).toMatch(/^agent-[a-z0-9]{5}$/);
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(pod.spec!.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec!.nodeName] }] }] } } });
      expect((pod.spec!.tolerations as { key: string; effect: string }[]).map((t) => `${t.key}:${t.effect}`)).toEqual(expect.arrayContaining(['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unschedulable:NoSchedule', 'node.kubernetes.io/disk-pressure:NoSchedule']));
      expect(pod.metadata.labels?.['controller-revision-hash']).toMatch(/^[a-z0-9]+$/);
    }
    await eventually('status 2/2', async () => {
      const status = (await client().get<Listed>(resources.daemonsets, ns, 'agent'))?.status ?? {};
      return status.desiredNumberScheduled === 2 && status.currentNumberScheduled === 2 && status.numberReady === 2 && status.numberAvailable === 2 && status.updatedNumberScheduled === 2 && status.observedGeneration === 1;
    });
    const events = (await client().list<KubeObject & { reason?: string; message?: string }>(resources.events, { namespace: ns })).items;
    expect(events.filter((e) => e.reason === 'SuccessfulCreate' && /^Created pod: agent-[a-z0-9]{5}$/.test(e.message ?? ''))).toHaveLength(2);
  }, 60_000);

  it('starts a pod on a node once its untolerated taint is removed', async () => {
    await client().patch(resources.nodes, '', 'node-3', { spec: { taints: null } }, 'merge');
    await eventually('a running pod on every node', async () => (await running()).map((p) => p.spec!.nodeName).sort().join() === 'node-1,node-2,node-3', 40_000);
    await eventually('status 3/3', async () => {
      const status = (await client().get<Listed>(resources.daemonsets, ns, 'agent'))?.status ?? {};
      return status.desiredNumberScheduled === 3 && status.numberReady === 3 && status.numberMisscheduled === 0;
    });
  }, 60_000);

  it('rolls an image change node by node and records a second ControllerRevision', async () => {
    const before = (await pods()).map((p) => p.metadata.name);
    await client().patch(resources.daemonsets, ns, 'agent', { spec: { template: { spec: { containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.10' }] } } } }, 'strategic');
    let maxMissing = 0;
    await eventually('3 running pods of the new image', async () => {
      const now = await running();
      const all = await pods();
      maxMissing = Math.max(maxMissing, 3 - all.length);
      return now.length === 3 && now.every((p) => p.spec!.containers![0].image === 'registry.k8s.io/pause:3.10' && !before.includes(p.metadata.name));
    }, 50_000);
    expect(maxMissing).toBeLessThanOrEqual(1);
    const revisions = (await client().list<Listed>(resources.controllerrevisions, { namespace: ns })).items.sort((a, b) => a.revision! - b.revision!);
    expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
    const hash = revisions[1].metadata.labels?.['controller-revision-hash'];
    expect(revisions[1].metadata.name).toBe(`agent-${hash}`);
    expect((await pods()).every((p) => p.metadata.labels?.['controller-revision-hash'] === hash)).toBe(true);
    await eventually('SuccessfulDelete for each old pod', async () => {
      const events = (await client().list<KubeObject & { reason?: string; message?: string }>(resources.events, { namespace: ns })).items;
      return before.every((name) => events.some((e) => e.reason === 'SuccessfulDelete' && e.message === `Deleted pod: ${name}`));
    });
  }, 60_000);
});
