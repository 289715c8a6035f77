import { CoreEvent, EventRecorder, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { useDrydock } from '../support/use-drydock';

describe('EventRecorder against a real Drydock', () => {
  const drydock = useDrydock({ name: 'client' });

  it('a repeated event becomes one Event with count 2 and a later lastTimestamp; a different message is its own Event', async () => {
    const client = drydock().client('kube-controller-manager');
    await client.create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'recorded' } });
    const rs = await client.create<KubeObject>(resources.replicasets, 'recorded', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    });
    const recorder = new EventRecorder(client, { component: 'replicaset-controller', host: 'test-host' });

    recorder.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-abcde');
    await recorder.flush();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    recorder.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-abcde');
    recorder.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-fghij');
    await recorder.shutdown();

    const { items } = await client.list<CoreEvent>(resources.events, { namespace: 'recorded' });
    const byMessage = new Map(items.map((event) => [event.message, event]));
    expect(items).toHaveLength(2);
    const repeated = byMessage.get('Created pod: web-abcde')!;
    expect(repeated).toMatchObject({
      count: 2,
      type: 'Normal',
      reason: 'SuccessfulCreate',
      involvedObject: { kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace: 'recorded', name: 'web', uid: rs.metadata.uid },
      source: { component: 'replicaset-controller', host: 'test-host' },
      reportingComponent: 'replicaset-controller',
    });
    expect(Date.parse(repeated.lastTimestamp)).toBeGreaterThan(Date.parse(repeated.firstTimestamp));
    expect(repeated.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(byMessage.get('Created pod: web-fghij')?.count).toBe(1);
  });

  it('finds events of an object by field selector, as kubectl describe does', async () => {
    const client = drydock().client('kubelet');
    const recorder = new EventRecorder(client, { component: 'kubelet', host: 'node-a' });
    recorder.event({ kind: 'Pod', apiVersion: 'v1', namespace: 'recorded', name: 'web-abcde', uid: 'pod-uid', fieldPath: 'spec.containers{web}' }, 'Normal', 'Pulling', 'Pulling image "nginx"');
    await recorder.shutdown();
    const { items } = await client.list<CoreEvent>(resources.events, { namespace: 'recorded', fieldSelector: 'involvedObject.name=web-abcde,involvedObject.uid=pod-uid' });
    expect(items.map((event) => [event.reason, event.involvedObject.fieldPath, event.source.host])).toEqual([['Pulling', 'spec.containers{web}', 'node-a']]);
  });

  it('a burst of 300 events about distinct pods (three times the queue bound) all arrive, none dropped; repeats waiting behind them fold into the count', async () => {
    const client = drydock().client('kube-scheduler');
    await client.create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'burst' } });
    const logged: string[] = [];
    const recorder = new EventRecorder(client, { component: 'default-scheduler', host: 'test-host', maxQueued: 100, log: (line) => logged.push(line) });
    const pods = Array.from({ length: 300 }, (_, i) => ({ kind: 'Pod', apiVersion: 'v1', namespace: 'burst', name: `web-${i}`, uid: `uid-${i}` }));
    for (const pod of pods) recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned burst/${pod.name} to node-${pod.name.length}`);
    for (let i = 0; i < 20; i++) recorder.event(pods[0], 'Warning', 'BackOff', 'Back-off restarting failed container');
    const backlog = recorder.backlog;
    await recorder.shutdown();

    expect(logged).toEqual([]);
    const { items } = await client.list<CoreEvent>(resources.events, { namespace: 'burst' });
    const scheduled = items.filter((event) => event.reason === 'Scheduled');
    expect(new Set(scheduled.map((event) => event.involvedObject.name)).size).toBe(300);
    expect(scheduled.every((event) => event.count === 1 && event.message === `Successfully assigned burst/${event.involvedObject.name} to node-${event.involvedObject.name.length}`)).toBe(true);
    expect(items.filter((event) => event.reason === 'BackOff').map((event) => event.count)).toEqual([20]);
    expect(backlog).toBeGreaterThan(100);
  });
});
