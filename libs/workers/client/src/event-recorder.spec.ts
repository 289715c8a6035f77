import type { KubeObject } from '@drydock/util';
import { ApiError } from './api-error';
import { COMBINED_PREFIX, CoreEvent, EventCorrelator } from './event-correlator';
import { EventRecorder } from './event-recorder';
import { FakeKubeClient } from './fake-kube-client';
import type { ResourceRef } from './client.types';
import { resources } from './resources';

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'shop', uid: 'uid-web-1', resourceVersion: '7' } };
const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a', uid: 'uid-node-a' } };

async function events(client: FakeKubeClient, namespace = 'shop'): Promise<CoreEvent[]> {
  return (await client.list<CoreEvent>(resources.events, { namespace })).items;
}

describe('EventRecorder', () => {
  let client: FakeKubeClient;
  let recorder: EventRecorder;
  const logged: string[] = [];

  beforeEach(() => {
    client = new FakeKubeClient();
    logged.length = 0;
    recorder = new EventRecorder(client, { component: 'default-scheduler', host: 'host-1', log: (line) => logged.push(line) });
  });

  it('writes a core/v1 Event with the involved object, source, reporting component, timestamps and count 1', async () => {
    recorder.event(pod, 'Normal', 'Scheduled', 'Successfully assigned shop/web-1 to node-a');
    await recorder.flush();
    const [event] = await events(client);
    expect(event).toMatchObject({
      involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'uid-web-1', apiVersion: 'v1', resourceVersion: '7' },
      type: 'Normal',
      reason: 'Scheduled',
      message: 'Successfully assigned shop/web-1 to node-a',
      source: { component: 'default-scheduler', host: 'host-1' },
      reportingComponent: 'default-scheduler',
      reportingInstance: 'host-1',
      count: 1,
    });
    expect(event.metadata.name).toMatch(/^web-1\.[0-9a-f]+$/);
    expect(event.firstTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(event.lastTimestamp).toBe(event.firstTimestamp);
  });

  it('aggregates a repeat into the same Event: count 2 through a PATCH', async () => {
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.flush();
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.flush();
    const all = await events(client);
    expect(all).toHaveLength(1);
    expect(all[0].count).toBe(2);
    expect(client.calls.filter((call) => call.startsWith('patch events'))).toHaveLength(1);
  });

  it('keeps different reasons, messages, types and objects apart', async () => {
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "nginx"');
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "redis"');
    recorder.event(pod, 'Warning', 'Pulling', 'Pulling image "nginx"');
    recorder.event({ ...pod, metadata: { ...pod.metadata, name: 'web-2', uid: 'uid-web-2' } }, 'Normal', 'Pulling', 'Pulling image "nginx"');
    await recorder.flush();
    expect((await events(client)).map((e) => e.count)).toEqual([1, 1, 1, 1]);
  });

  it('writes events about cluster-scoped objects to the default namespace', async () => {
    recorder.event(node, 'Normal', 'NodeReady', 'Node node-a status is now: NodeReady');
    await recorder.flush();
    expect((await events(client, 'default'))[0].involvedObject).toEqual({ kind: 'Node', name: 'node-a', uid: 'uid-node-a', apiVersion: 'v1' });
  });

  it('accepts an ObjectReference with a fieldPath, as the kubelet records container events', async () => {
    recorder.event({ kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'u', apiVersion: 'v1', fieldPath: 'spec.containers{web}' }, 'Normal', 'Pulled', 'ok');
    await recorder.flush();
    expect((await events(client))[0].involvedObject.fieldPath).toBe('spec.containers{web}');
  });

  it('recreates an aggregated Event that was deleted meanwhile, with the running count', async () => {
    recorder.event(pod, 'Normal', 'Killing', 'Stopping container web');
    await recorder.flush();
    const [first] = await events(client);
    await client.delete(resources.events, 'shop', first.metadata.name!);
    recorder.event(pod, 'Normal', 'Killing', 'Stopping container web');
    await recorder.flush();
    const [recreated] = await events(client);
    expect(recreated).toMatchObject({ metadata: { name: first.metadata.name }, count: 2 });
  });

  it('never throws into the caller: objects without kind and failed writes are logged and dropped', async () => {
    expect(() => recorder.event({ metadata: { name: 'x' } } as KubeObject, 'Normal', 'R', 'm')).not.toThrow();
    client.failNext.set('create', new ApiError(403, 'Forbidden', 'events is forbidden', {}));
    expect(() => recorder.event(pod, 'Normal', 'Created', 'Created container web')).not.toThrow();
    await recorder.flush();
    expect(await events(client)).toHaveLength(0);
    expect(logged).toEqual([expect.stringContaining('no kind'), expect.stringContaining('dropping event Created')]);
  });

  it('retries a write that failed with a network error', async () => {
    client.failNext.set('create', new Error('socket hang up'));
    recorder.event(pod, 'Normal', 'Started', 'Started container web');
    await recorder.flush();
    expect(await events(client)).toHaveLength(1);
  });

  it('never drops past maxQueued: a burst of distinct events all arrive, and whenRoom waits until the backlog is below it', async () => {
    const small = new EventRecorder(client, { component: 'kubelet', maxQueued: 2, concurrency: 1, log: (line) => logged.push(line) });
    const pods = Array.from({ length: 50 }, (_, i) => ({ ...pod, metadata: { ...pod.metadata, name: `web-${i}`, uid: `uid-${i}` } }));
    for (const each of pods) small.event(each, 'Normal', 'Scheduled', `Successfully assigned shop/${each.metadata.name} to node-a`);
    expect(small.backlog).toBe(50);
    let roomAt = -1;
    const room = small.whenRoom().then(() => (roomAt = small.backlog));
    await small.flush();
    await room;
    expect(roomAt).toBe(1);
    expect((await events(client)).map((event) => event.involvedObject.name).sort()).toEqual(pods.map((each) => each.metadata.name).sort());
    expect(logged).toEqual([]);
  });

  it('keeps at most `concurrency` writes in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = Object.create(client) as FakeKubeClient;
    slow.create = async <T extends KubeObject>(ref: ResourceRef, namespace: string, object: T): Promise<T> => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return client.create(ref, namespace, object);
    };
    const limited = new EventRecorder(slow, { component: 'default-scheduler', concurrency: 3 });
    for (let i = 0; i < 20; i++) limited.event({ ...pod, metadata: { ...pod.metadata, name: `web-${i}` } }, 'Normal', 'Scheduled', 'ok');
    await limited.flush();
    expect(most).toBe(3);
    expect(await events(client)).toHaveLength(20);
  });

  it('merges repeats waiting behind a write into one write with the running count, creates before patches', async () => {
    const one = new EventRecorder(client, { component: 'kubelet', concurrency: 1 });
    one.event(node, 'Normal', 'Starting', 'Starting kubelet.');
    for (let i = 0; i < 5; i++) one.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await one.flush();
    const [event] = await events(client);
    expect(event.count).toBe(5);
    expect(client.calls.filter((call) => call.startsWith('create events'))).toHaveLength(2);
    expect(client.calls.filter((call) => call.startsWith('patch events'))).toHaveLength(0);
  });

  it('eventf formats the message', async () => {
    recorder.eventf(pod, 'Warning', 'FailedScheduling', '0/%d nodes are available: %v.', 3, '3 Insufficient cpu');
    await recorder.flush();
    expect((await events(client))[0].message).toBe('0/3 nodes are available: 3 Insufficient cpu.');
  });
});

describe('EventCorrelator', () => {
  const base = (message: string, name = `web-1.${message.length}`): CoreEvent => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'shop' },
    involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1', uid: 'u' },
    reason: 'BackOff',
    message,
    source: { component: 'kubelet', host: 'node-a' },
    firstTimestamp: 't1',
    lastTimestamp: 't1',
    count: 1,
    type: 'Warning',
    reportingComponent: 'kubelet',
    reportingInstance: 'node-a',
  });

  it('a repeat within 10 minutes updates the first Event (name, firstTimestamp kept); after 10 minutes it is a new Event', () => {
    const correlator = new EventCorrelator();
    expect(correlator.correlate(base('m', 'first'), 0)).toMatchObject({ isUpdate: false, event: { count: 1 } });
    const repeat = correlator.correlate({ ...base('m', 'second'), lastTimestamp: 't2', firstTimestamp: 't2' }, 60_000);
    expect(repeat).toMatchObject({ isUpdate: true, event: { metadata: { name: 'first' }, count: 2, firstTimestamp: 't1', lastTimestamp: 't2' } });
    expect(correlator.correlate(base('m', 'third'), 60_000 + 10 * 60_000 + 1)).toMatchObject({ isUpdate: false, event: { metadata: { name: 'third' }, count: 1 } });
  });

  it('combines the 10th and later distinct messages of one object and reason into one Event, as upstream', () => {
    const correlator = new EventCorrelator();
    const results = Array.from({ length: 12 }, (_, i) => correlator.correlate(base(`message ${i}`, `e${i}`), i));
    expect(results.slice(0, 9).every((r) => !r.isUpdate && !r.event.message.startsWith(COMBINED_PREFIX))).toBe(true);
    expect(results[9]).toMatchObject({ isUpdate: false, event: { metadata: { name: 'e9' }, message: `${COMBINED_PREFIX}message 9` } });
    expect(results[11]).toMatchObject({ isUpdate: true, event: { metadata: { name: 'e9' }, message: `${COMBINED_PREFIX}message 11`, count: 3 } });
  });

  it('skips writes about one object past the spam burst, refilling one per interval, while the count goes on', () => {
    const correlator = new EventCorrelator({ spamBurst: 3, spamRefillMs: 1000 });
    const results = Array.from({ length: 5 }, () => correlator.correlate(base('same'), 0));
    expect(results.map((r) => r.skip)).toEqual([false, false, false, true, true]);
    const later = correlator.correlate(base('same'), 1000);
    expect(later).toMatchObject({ skip: false, isUpdate: true, event: { count: 6 } });
  });

  it('evicts the least recently seen Event past maxEntries', () => {
    const correlator = new EventCorrelator({ maxEntries: 2 });
    correlator.correlate(base('a'), 0);
    correlator.correlate(base('b'), 0);
    correlator.correlate(base('a'), 1);
    correlator.correlate(base('cc'), 2);
    expect(correlator.correlate(base('a'), 3).isUpdate).toBe(true);
    expect(correlator.correlate(base('b'), 3).isUpdate).toBe(false);
  });
});
