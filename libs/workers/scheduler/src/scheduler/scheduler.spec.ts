import { FakeKubeClient, ListOptions, ObjectList, ResourceRef, resources } from '@drydock/client';
import { createClock, KubeObject } from '@drydock/util';
import { makeNode, makePod } from '../framework/testing';
import type { Pod } from '../framework/types';
import { NODE_REASONS_ANNOTATION } from './failure-recorder';
import { SchedulingAlgorithm } from '../framework/schedule-pod';
import { Scheduler } from './scheduler';
import type { SchedulerEventSink } from './scheduler-events';

/** The fake API plus the one thing the binding subresource does: set spec.nodeName. */
class BindingFakeClient extends FakeKubeClient {
  /** The field selector of each list, by resource (the fake itself ignores selectors). */
  readonly listSelectors: string[] = [];

  override async list<T extends KubeObject>(ref: ResourceRef, options: ListOptions = {}): Promise<ObjectList<T>> {
    this.listSelectors.push(`${ref.resource} ${options.fieldSelector ?? ''}`.trim());
    return super.list<T>(ref, options);
  }

  override async createSubresource(ref: Parameters<FakeKubeClient['createSubresource']>[0], namespace: string, name: string, subresource: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    await super.createSubresource(ref, namespace, name, subresource, body);
    await this.patch(resources.pods, namespace, name, { spec: { nodeName: (body.target as { name: string }).name } }, 'merge');
    return body;
  }
}

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('Scheduler (against the fake API)', () => {
  let client: BindingFakeClient;
  let scheduler: Scheduler;
  const recorded: string[] = [];
  const events: SchedulerEventSink = {
    scheduled: (pod, node) => recorded.push(`Scheduled ${pod.metadata.name} ${node}`),
    failedScheduling: (pod, message) => recorded.push(`FailedScheduling ${pod.metadata.name} ${message}`),
  };

  beforeEach(async () => {
    recorded.length = 0;
    client = new BindingFakeClient();
    await client.create(resources.nodes, '', makeNode('a', { cpu: '2' }));
    await client.create(resources.nodes, '', makeNode('b', { cpu: '2' }));
    scheduler = new Scheduler({ client, clock: createClock(100), events, log: () => undefined });
    await scheduler.start();
  });

  afterEach(() => scheduler.stop());

  const pod = (name: string) => client.get<Pod>(resources.pods, 'default', name);

  it('binds pending pods through pods/binding and counts assumed pods at once', async () => {
    for (const name of ['p1', 'p2', 'p3', 'p4']) await client.create(resources.pods, 'default', makePod(name, { cpu: '1' }));
    await until(() => scheduler.stats().scheduled === 4);
    const nodes = await Promise.all(['p1', 'p2', 'p3', 'p4'].map(async (name) => (await pod(name))!.spec.nodeName));
    expect(nodes.sort()).toEqual(['a', 'a', 'b', 'b']);
    expect(client.calls.filter((call) => call.startsWith('create/binding'))).toHaveLength(4);
    expect(recorded).toContain(`Scheduled p1 ${(await pod('p1'))!.spec.nodeName}`);
  });

  it('watches only pods that are not terminal, as upstream\'s scheduler', () => {
    expect(client.listSelectors).toContain('pods status.phase!=Succeeded,status.phase!=Failed');
    expect(client.listSelectors.filter((call) => call.startsWith('pods'))).toHaveLength(1);
  });

  it('ignores pods of other schedulers and pods already bound', async () => {
    await client.create(resources.pods, 'default', makePod('other', { schedulerName: 'someone-else' }));
    await client.create(resources.pods, 'default', makePod('bound', { nodeName: 'a' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.calls.filter((call) => call.startsWith('create/binding'))).toEqual([]);
    expect(scheduler.cache.get('a')!.pods.size).toBe(1);
  });

  it('records an unschedulable pod once per distinct message, then binds it when a node is added', async () => {
    await client.create(resources.pods, 'default', makePod('big', { cpu: '3' }));
    await until(async () => Boolean((await pod('big'))?.metadata.annotations?.[NODE_REASONS_ANNOTATION]));
    const pending = (await pod('big'))!;
    expect(pending.status?.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: expect.stringMatching(/^0\/2 nodes are available: 2 Insufficient cpu\./) })]);
    expect(recorded.filter((line) => line.startsWith('FailedScheduling big'))).toHaveLength(1);
    await client.create(resources.nodes, '', makeNode('c', { cpu: '4' }));
    await until(() => scheduler.stats().scheduled === 1);
    expect((await pod('big'))!.spec.nodeName).toBe('c');
  });

  it('retries a failed binding after back-off', async () => {
    client.failNext.set('create/binding', new Error('connection reset'));
    await client.create(resources.pods, 'default', makePod('flaky'));
    await until(() => scheduler.stats().scheduled === 1);
    expect(scheduler.stats().bindErrors).toBe(1);
    expect((await pod('flaky'))!.spec.nodeName).toBeTruthy();
  });
});

describe('Scheduler turn budget', () => {
  afterEach(() => jest.restoreAllMocks());

  it('runs at most ~20 ms of scheduling cycles in one event-loop turn, so timers and I/O run between them', async () => {
    const client = new BindingFakeClient();
    for (let i = 0; i < 4; i++) await client.create(resources.nodes, '', makeNode(`n${i}`, { cpu: '64', pods: 500 }));
    const pods = 120;
    for (let i = 0; i < pods; i++) await client.create(resources.pods, 'default', makePod(`p${i}`, { cpu: '10m' }));
    // Each cycle takes 5 ms of wall time: a 20 ms turn holds 4 or 5 of them (fewer when the machine is busy).
    const schedule = SchedulingAlgorithm.prototype.schedule;
    let cyclesThisTurn = 0;
    let mostInOneTurn = 0;
    jest.spyOn(SchedulingAlgorithm.prototype, 'schedule').mockImplementation(function (this: SchedulingAlgorithm, ...args) {
      const until = performance.now() + 5;
      while (performance.now() < until);
      mostInOneTurn = Math.max(mostInOneTurn, ++cyclesThisTurn);
      return schedule.apply(this, args);
    });
    let ticking = true;
    const tick = () => {
      cyclesThisTurn = 0;
      if (ticking) setImmediate(tick);
    };
    // Bindings are never the limit: only the turn budget ends a run of cycles (without it, 200 per turn).
    const scheduler = new Scheduler({ client, clock: createClock(1), events: { scheduled: () => undefined, failedScheduling: () => undefined }, bindConcurrency: 10_000, log: () => undefined });
    try {
      await scheduler.startInformers();
      tick();
      await scheduler.start();
      for (let i = 0; i < 3000 && scheduler.stats().scheduled < pods; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(scheduler.stats().scheduled).toBe(pods);
      expect(mostInOneTurn).toBeGreaterThanOrEqual(2);
      expect(mostInOneTurn).toBeLessThanOrEqual(6);
    } finally {
      ticking = false;
      await scheduler.stop();
    }
  });
});
