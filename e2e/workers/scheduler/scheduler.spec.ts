import { KubeObject, createClock } from '@drydock/util';
import { resources } from '@drydock/client';
import { NODE_REASONS_ANNOTATION, Pod, RunningScheduler, Scheduler, startLeaderElectedScheduler } from '@drydock/scheduler';
import { createNode, eventually, nodeObject, podObject, useDrydock } from './support/scheduler-cluster';

const NS = 'sched';
/** Pods of these tests name this scheduler, so a scheduler process (npm start's) would leave them alone. */
const SCHEDULER = 'e2e-scheduler';
const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };

describe('the scheduler against a real Drydock', () => {
  const drydock = useDrydock();
  const client = () => drydock().client;
  let scheduler: Scheduler;

  beforeAll(async () => {
    await client().create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    await createNode(client(), nodeObject('control-plane', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [CONTROL_PLANE_TAINT] }));
    await createNode(client(), nodeObject('worker-1', { labels: { 'topology.kubernetes.io/zone': 'zone-a' } }));
    await createNode(client(), nodeObject('worker-2', { labels: { 'topology.kubernetes.io/zone': 'zone-b', disk: 'ssd' } }));
    scheduler = new Scheduler({ client: client(), clock: createClock(10), schedulerName: SCHEDULER, log: () => undefined });
    await scheduler.start();
  });

  afterAll(async () => {
    await scheduler?.stop();
  });

  const create = (pod: Pod) => client().create(resources.pods, NS, { ...pod, spec: { schedulerName: SCHEDULER, ...pod.spec } });
  const getPod = async (name: string) => (await client().get<Pod>(resources.pods, NS, name))!;
  const boundNode = (name: string) => eventually(`${name} to be bound`, async () => (await getPod(name)).spec.nodeName);
  const podEvents = async (name: string, reason: string) =>
    (await client().list<KubeObject>(resources.events, { namespace: NS })).items.filter((event) => (event.involvedObject as { name: string }).name === name && event.reason === reason);

  it('sees exactly the three test nodes', async () => {
    const nodes = await client().list(resources.nodes);
    expect(nodes.items.map((node) => node.metadata.name).sort()).toEqual(['control-plane', 'worker-1', 'worker-2']);
  });

  it('spreads pods over the workers and never onto the tainted control plane', async () => {
    for (let i = 0; i < 6; i++) await create(podObject(`spread-${i}`, { cpu: '500m' }, { app: 'spread' }));
    const nodes = await Promise.all(Array.from({ length: 6 }, (_, i) => boundNode(`spread-${i}`)));
    expect(nodes.filter((node) => node === 'worker-1')).toHaveLength(3);
    expect(nodes.filter((node) => node === 'worker-2')).toHaveLength(3);
  });

  it('records a Scheduled event as upstream words it', async () => {
    const node = await boundNode('spread-0');
    const events = await eventually('a Scheduled event', async () => (await podEvents('spread-0', 'Scheduled')).at(0));
    expect(events).toMatchObject({ type: 'Normal', message: `Successfully assigned ${NS}/spread-0 to ${node}`, reportingComponent: 'default-scheduler' });
  });

  it('keeps an oversized pod Pending with the upstream message, condition, event and per-node reasons', async () => {
    await create(podObject('huge', { cpu: '64' }));
    const expected = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    const pod = await eventually('the PodScheduled=False condition', async () => {
      const current = await getPod('huge');
      return current.status?.conditions?.some((c) => c.type === 'PodScheduled') && current.metadata.annotations?.[NODE_REASONS_ANNOTATION] ? current : undefined;
    });
    expect(pod.spec.nodeName).toBeFalsy();
    expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message: expected });
    expect(JSON.parse(pod.metadata.annotations![NODE_REASONS_ANNOTATION])).toEqual({
      'control-plane': ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
      'worker-1': ['Insufficient cpu'],
      'worker-2': ['Insufficient cpu'],
    });
    const failed = await eventually('a FailedScheduling event', async () => (await podEvents('huge', 'FailedScheduling')).at(0));
    expect(failed).toMatchObject({ type: 'Warning', message: expected });
  });

  it('places a pod with a nodeSelector on the matching node only', async () => {
    await create(podObject('wants-ssd', { nodeSelector: { disk: 'ssd' } }));
    expect(await boundNode('wants-ssd')).toBe('worker-2');
  });

  it('lets a pod onto a tainted node only when it tolerates the taint', async () => {
    const onControlPlane = { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } };
    await create(podObject('tolerant', { ...onControlPlane, tolerations: [{ key: CONTROL_PLANE_TAINT.key, operator: 'Exists', effect: 'NoSchedule' }] }));
    await create(podObject('intolerant', onControlPlane));
    expect(await boundNode('tolerant')).toBe('control-plane');
    const pod = await eventually('intolerant to be marked unschedulable', async () => {
      const current = await getPod('intolerant');
      return current.status?.conditions?.find((c) => c.type === 'PodScheduled');
    });
    expect(pod.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    expect((await getPod('intolerant')).spec.nodeName).toBeFalsy();
  });

  it('retries an unschedulable pod when a node changes so that it fits', async () => {
    await create(podObject('wants-gpu', { nodeSelector: { accelerator: 'gpu' } }));
    await eventually('wants-gpu to be marked unschedulable', async () => (await getPod('wants-gpu')).metadata.annotations?.[NODE_REASONS_ANNOTATION]);
    expect((await getPod('wants-gpu')).metadata.annotations?.[NODE_REASONS_ANNOTATION]).toBeDefined();
    await client().patch(resources.nodes, '', 'worker-1', { metadata: { labels: { accelerator: 'gpu' } } }, 'merge');
    expect(await boundNode('wants-gpu')).toBe('worker-1');
    await eventually('the node reasons to be cleared once bound', async () => (await getPod('wants-gpu')).metadata.annotations?.[NODE_REASONS_ANNOTATION] === undefined);
  });

  it('retries an unschedulable pod when a pod is deleted and frees room', async () => {
    await create(podObject('filler', { cpu: '2', nodeSelector: { disk: 'ssd' } }));
    await boundNode('filler');
    await create(podObject('waits', { cpu: '1', nodeSelector: { disk: 'ssd' } }));
    await eventually('waits to be marked unschedulable', async () => (await getPod('waits')).status?.conditions?.length);
    expect((await getPod('waits')).spec.nodeName).toBeFalsy();
    await client().delete(resources.pods, NS, 'filler', { gracePeriodSeconds: 0 });
    expect(await boundNode('waits')).toBe('worker-2');
  });

  it('keeps pods with required anti-affinity on different nodes', async () => {
    const antiAffinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'solo' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    await create(podObject('solo-1', { affinity: antiAffinity }, { app: 'solo' }));
    const first = await boundNode('solo-1');
    await create(podObject('solo-2', { affinity: antiAffinity }, { app: 'solo' }));
    const second = await boundNode('solo-2');
    expect(second).not.toBe(first);
    expect(['worker-1', 'worker-2']).toContain(second);
  });

  it('hands over to a standby when the leader stops (Lease election)', async () => {
    const schedulerName = 'e2e-elected';
    const leaderElection = { name: 'e2e-elected-scheduler' };
    const start = (identity: string) => startLeaderElectedScheduler({ client: client(), clock: createClock(10), schedulerName, identity, leaderElection, log: () => undefined });
    const first: RunningScheduler = await start('first');
    const second: RunningScheduler = await start('second');
    try {
      const createElected = (name: string) => client().create(resources.pods, NS, { ...podObject(name), spec: { ...podObject(name).spec, schedulerName } });
      await createElected('elected-1');
      await boundNode('elected-1');
      const leader = await eventually('the leader to count its binding', async () => [first, second].find((candidate) => candidate.scheduler.stats().scheduled === 1));
      const standby = leader === first ? second : first;
      expect(standby.scheduler.stats().scheduled).toBe(0);
      await leader.stop();
      await createElected('elected-2');
      await boundNode('elected-2');
      await eventually('the standby to count its binding', async () => standby.scheduler.stats().scheduled === 1);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('spreads over zones under a DoNotSchedule topology spread constraint even against a node preference', async () => {
    const spec = {
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: { matchLabels: { app: 'zoned' } } }],
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In' as const, values: ['worker-1'] }] } }] } },
    };
    const nodes: string[] = [];
    for (let i = 0; i < 4; i++) {
      await create(podObject(`zoned-${i}`, spec, { app: 'zoned' }));
      nodes.push(await boundNode(`zoned-${i}`));
    }
    expect(nodes.filter((node) => node === 'worker-1')).toHaveLength(2);
    expect(nodes.filter((node) => node === 'worker-2')).toHaveLength(2);
  });

  // Last: it adds a node. The scheduler watches only pods that are not terminal (upstream's newPodInformer):
  // a pod's Succeeded status reaches it as that pod's DELETED event, which frees its room.
  it('retries an unschedulable pod when a pod finishes (Succeeded) and frees room', async () => {
    await createNode(client(), nodeObject('worker-3', { cpu: '2', labels: { batch: 'yes' } }));
    await create(podObject('finisher', { cpu: '2', nodeSelector: { batch: 'yes' } }));
    expect(await boundNode('finisher')).toBe('worker-3');
    await create(podObject('next', { cpu: '1', nodeSelector: { batch: 'yes' } }));
    await eventually('next to be marked unschedulable', async () => (await getPod('next')).status?.conditions?.length);
    expect((await getPod('next')).spec.nodeName).toBeFalsy();
    await client().patch(resources.pods, NS, 'finisher', { status: { phase: 'Succeeded' } }, 'merge', { subresource: 'status' });
    expect(await boundNode('next')).toBe('worker-3');
  });
});
