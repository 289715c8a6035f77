import { createClock } from '@drydock/util';
import { FakeKubeClient } from './fake-kube-client';
import { LeaderElectionConfig, LeaderElector } from './leader-elector';
import type { Lease } from './lease-record';
import { resources } from './resources';

// Scale 100: the default 15 s lease is 150 ms, the 2 s retry period 20 ms.
const clock = createClock(100);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function candidate(client: FakeKubeClient, identity: string, overrides: Partial<LeaderElectionConfig> = {}) {
  const log: string[] = [];
  const elector = new LeaderElector({
    client,
    namespace: 'kube-system',
    name: 'kube-controller-manager',
    identity,
    clock,
    scaleLeaseTimings: true,
    onStartedLeading: (signal) => {
      log.push('started');
      signal.addEventListener('abort', () => log.push('signal aborted'));
    },
    onStoppedLeading: () => log.push('stopped'),
    log: () => undefined,
    ...overrides,
  });
  const done = elector.run();
  return { elector, log, done };
}

async function until(check: () => boolean, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await sleep(2);
  }
  return Date.now() - start;
}

describe('LeaderElector', () => {
  it('of two candidates exactly one leads, and the Lease names it', async () => {
    const client = new FakeKubeClient();
    const a = candidate(client, 'a');
    const b = candidate(client, 'b');
    await until(() => a.elector.isLeader() || b.elector.isLeader(), 1000);
    await sleep(100);
    expect([a.elector.isLeader(), b.elector.isLeader()].filter(Boolean)).toHaveLength(1);
    const leader = a.elector.isLeader() ? 'a' : 'b';
    const lease = await client.get<Lease>(resources.leases, 'kube-system', 'kube-controller-manager');
    expect(lease?.spec).toMatchObject({ holderIdentity: leader, leaseDurationSeconds: 15, leaseTransitions: 0 });
    expect(lease?.spec?.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(b.elector.getLeader()).toBe(leader);
    await Promise.all([a.elector.stop(), b.elector.stop()]);
  });

  it('a standby takes over within the lease duration when the leader stops without releasing', async () => {
    const client = new FakeKubeClient();
    const a = candidate(client, 'a');
    await until(() => a.elector.isLeader(), 1000);
    const b = candidate(client, 'b');
    await sleep(50);
    expect(b.elector.isLeader()).toBe(false);
    await a.elector.stop();
    expect(a.log).toEqual(['started', 'signal aborted', 'stopped']);
    const takeOverMs = await until(() => b.elector.isLeader(), 1000);
    expect(takeOverMs).toBeLessThan(clock.realMs(15_000) + clock.realMs(2_400) + 50);
    const lease = await client.get<Lease>(resources.leases, 'kube-system', 'kube-controller-manager');
    expect(lease?.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    await b.elector.stop();
  });

  it('a released lease is taken over at the next retry', async () => {
    const client = new FakeKubeClient();
    const a = candidate(client, 'a');
    await until(() => a.elector.isLeader(), 1000);
    const b = candidate(client, 'b');
    await sleep(30);
    await a.elector.stop({ release: true });
    const takeOverMs = await until(() => b.elector.isLeader(), 1000);
    expect(takeOverMs).toBeLessThan(clock.realMs(15_000));
    await b.elector.stop();
  });

  it('a leader that cannot renew within the renew deadline stops leading and run() resolves', async () => {
    const client = new FakeKubeClient();
    const a = candidate(client, 'a');
    await until(() => a.elector.isLeader(), 1000);
    client.update = () => Promise.reject(new Error('connection refused'));
    await until(() => !a.elector.isLeader(), 1000);
    await a.done;
    expect(a.log).toEqual(['started', 'signal aborted', 'stopped']);
  });

  it('renews its own lease, keeping acquireTime and the transition count', async () => {
    const client = new FakeKubeClient();
    const a = candidate(client, 'a');
    await until(() => a.elector.isLeader(), 1000);
    const first = await client.get<Lease>(resources.leases, 'kube-system', 'kube-controller-manager');
    await sleep(60);
    const later = await client.get<Lease>(resources.leases, 'kube-system', 'kube-controller-manager');
    expect(later?.spec?.acquireTime).toBe(first?.spec?.acquireTime);
    expect(later?.spec?.renewTime).not.toBe(first?.spec?.renewTime);
    expect(later?.spec?.leaseTransitions).toBe(0);
    await a.elector.stop();
  });

  it('tells every candidate of a new leader', async () => {
    const client = new FakeKubeClient();
    const seenByB: string[] = [];
    const a = candidate(client, 'a');
    await until(() => a.elector.isLeader(), 1000);
    const b = candidate(client, 'b', { onNewLeader: (identity) => seenByB.push(identity) });
    await until(() => seenByB.length === 1, 1000);
    await a.elector.stop({ release: true });
    await until(() => b.elector.isLeader(), 1000);
    expect(seenByB).toEqual(['a', 'b']);
    await b.elector.stop();
  });

  it('refuses timings upstream refuses', () => {
    const client = new FakeKubeClient();
    const base = { client, namespace: 'n', name: 'l', identity: 'x', onStartedLeading: () => undefined, onStoppedLeading: () => undefined };
    expect(() => new LeaderElector({ ...base, leaseDurationMs: 10_000, renewDeadlineMs: 10_000 })).toThrow('leaseDuration must be greater than renewDeadline');
    expect(() => new LeaderElector({ ...base, renewDeadlineMs: 2_000, retryPeriodMs: 2_000 })).toThrow('renewDeadline must be greater than retryPeriod*1.2');
  });
});
