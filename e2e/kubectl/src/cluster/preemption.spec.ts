process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectSuccess } from '../harness/expectations';
import { Json } from '../harness/json';
import { getJson } from '../harness/use-drydock';
import { eventually, nodesReady, useClusterDrydock } from './support/cluster';

const priorityClass = (name: string, value: number, extra = '') => `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: ${name}
value: ${value}
${extra}`;

const pod = (name: string, className: string, node: string, cpu: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: preempt
  labels: {app: ${name}}
spec:
  priorityClassName: ${className}
  nodeSelector: {kubernetes.io/hostname: ${node}}
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: nginx
    resources:
      requests: {cpu: "${cpu}"}
`;

/** PriorityClass and the scheduler's DefaultPreemption (issue 12), with the real kubectl. */
describe('PriorityClass and preemption: a low-priority pod makes room for a high-priority one', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(['-n', 'preempt', ...args]);
  const apply = async (yaml: string) => expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: yaml }));
  const podJson = async (name: string): Promise<Json | undefined> => {
    const result = await kubectl('get', 'pod', name, '-o', 'json');
    return result.code === 0 ? JSON.parse(result.stdout) : undefined;
  };
  let node = '';
  let share = '';

  beforeAll(async () => {
    const all = await nodesReady(drydock());
    const worker = all.find((n: Json) => !(n.spec?.taints ?? []).some((t: Json) => t.key === 'node-role.kubernetes.io/control-plane'));
    node = worker.metadata.name;
    const allocatable = String(worker.status.allocatable.cpu);
    const millicores = allocatable.endsWith('m') ? Number(allocatable.slice(0, -1)) : Number(allocatable) * 1000;
    share = `${Math.floor(millicores * 0.6)}m`;
    expectSuccess(await drydock().run(['create', 'namespace', 'preempt']));
    await apply(priorityClass('low', 100) + '---\n' + priorityClass('high', 1000) + '---\n' + priorityClass('high-nonpreempting', 1000, 'preemptionPolicy: Never'));
  }, 120_000);

  it('lists the built-in system classes', async () => {
    const out = expectSuccess(await drydock().run(['get', 'priorityclass', 'system-node-critical', 'system-cluster-critical', '--no-headers']));
    expect(out).toMatch(/^system-node-critical\s+2000001000\s+false\s+\S+\s+PreemptLowerPriority\nsystem-cluster-critical\s+2000000000\s+false\s+\S+\s+PreemptLowerPriority\n$/);
  });

  it('preempts the low-priority pod: Preempted event, the high one runs on that node; preemptionPolicy Never waits', async () => {
    await apply(pod('low', 'low', node, share));
    await eventually('low to run', async () => ((await podJson('low'))?.status?.phase === 'Running' ? true : undefined), 90_000);
    const lowUid = (await podJson('low'))!.metadata.uid;
    await apply(pod('high', 'high', node, share));
    const high = await eventually('high to run', async () => {
      const current = await podJson('high');
      return current?.status?.phase === 'Running' ? current : undefined;
    }, 120_000);
    expect({ node: high.spec.nodeName, priority: high.spec.priority }).toEqual({ node, priority: 1000 });
    expect((await podJson('low'))?.metadata.uid).not.toBe(lowUid);
    const events = await eventually('the Preempted event', async () => {
      const list = (await getJson(drydock(), ['events', '-n', 'preempt', '--field-selector', 'involvedObject.name=low,reason=Preempted'])).items;
      return list.length > 0 ? list : undefined;
    }, 60_000);
    expect(events[0].message).toBe(`Preempted by pod ${high.metadata.uid} on node ${node}`);
    expect(events[0].type).toBe('Normal');

    await apply(pod('polite', 'high-nonpreempting', node, share));
    const waiting = await eventually('polite to be reported unschedulable', async () => {
      const condition = (await podJson('polite'))?.status?.conditions?.find((c: Json) => c.type === 'PodScheduled');
      return condition?.reason === 'Unschedulable' ? condition : undefined;
    }, 60_000);
    expect(waiting.message).toMatch(/^0\/\d+ nodes are available: .*Insufficient cpu.* preemption: not eligible due to preemptionPolicy=Never\.$/);
    expect((await podJson('high'))?.status?.phase).toBe('Running');
  }, 300_000);

  it('gives a pod without a class the globalDefault class\'s priority', async () => {
    await apply(priorityClass('everyday', 500, 'globalDefault: true'));
    try {
      expectSuccess(await kubectl('run', 'plain', '--image=busybox', '--', 'sleep', '3600'));
      expect((await podJson('plain'))?.spec).toMatchObject({ priorityClassName: 'everyday', priority: 500, preemptionPolicy: 'PreemptLowerPriority' });
    } finally {
      expectSuccess(await drydock().run(['delete', 'priorityclass', 'everyday']));
    }
  });
});
