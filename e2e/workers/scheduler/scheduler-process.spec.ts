import { resources } from '@drydock/client';
import type { Pod } from '@drydock/scheduler';
import type { KubeObject } from '@drydock/util';
import { createNode, eventually, nodeObject, podObject, useDrydock } from './support/scheduler-cluster';

const NS = 'sched-process';

describe('the scheduler process that npm start runs (apps/scheduler)', () => {
  const drydock = useDrydock({ controlLoop: true });
  const client = () => drydock().client;

  beforeAll(async () => {
    await client().create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await createNode(client(), nodeObject('process-worker-1', { labels: { pool: 'scheduler-process' } }));
    await createNode(client(), nodeObject('process-worker-2', { labels: { pool: 'scheduler-process' } }));
  });

  it('becomes leader of kube-system/kube-scheduler and binds default-scheduler pods', async () => {
    await client().create(resources.pods, NS, podObject('by-process', { nodeSelector: { pool: 'scheduler-process' } }));
    const node = await eventually('the pod to be bound', async () => (await client().get<Pod>(resources.pods, NS, 'by-process'))?.spec.nodeName, 60_000);
    expect(['process-worker-1', 'process-worker-2']).toContain(node);
    const lease = await client().get<KubeObject>(resources.leases, 'kube-system', 'kube-scheduler');
    expect((lease?.spec as { holderIdentity?: string }).holderIdentity).toEqual(expect.any(String));
    const events = await eventually('a Scheduled event', async () => {
      const list = await client().list<KubeObject>(resources.events, { namespace: NS });
      return list.items.find((event) => event.reason === 'Scheduled' && (event.involvedObject as { name: string }).name === 'by-process');
    });
    expect(events).toMatchObject({ message: `Successfully assigned ${NS}/by-process to ${node}`, source: { component: 'default-scheduler' } });
  });
});
