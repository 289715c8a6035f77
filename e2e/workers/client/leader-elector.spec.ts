import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Lease, LeaderElector, resources } from '@drydock/client';
import { createClock } from '@drydock/util';
import { eventually, useDrydock } from '../support/use-drydock';

// Scale 10: a 15 s lease lasts 1.5 s, the 2 s retry period 200 ms.
const clock = createClock(10);
const LEASE_MS = clock.realMs(15_000);

describe('LeaderElector against a real Drydock', () => {
  const drydock = useDrydock({ name: 'client' });

  function candidate(identity: string, lease: string) {
    const events: string[] = [];
    const elector = new LeaderElector({
      client: drydock().client(`elector-${identity}`),
      namespace: 'kube-system',
      name: lease,
      identity,
      clock,
      scaleLeaseTimings: true,
      onStartedLeading: () => {
        events.push('started');
      },
      onStoppedLeading: () => {
        events.push('stopped');
      },
      log: () => undefined,
    });
    void elector.run();
    return { elector, events };
  }

  it('two candidates: exactly one leads; stopped without release, the other takes over within the lease duration', async () => {
    const a = candidate('a', 'in-process');
    const b = candidate('b', 'in-process');
    await eventually('a leader', () => a.elector.isLeader() || b.elector.isLeader());
    await new Promise((resolve) => setTimeout(resolve, clock.realMs(5_000)));
    expect([a.elector.isLeader(), b.elector.isLeader()].filter(Boolean)).toHaveLength(1);
    const [leader, standby] = a.elector.isLeader() ? [a, b] : [b, a];

    await leader.elector.stop();
    const stoppedAt = Date.now();
    await eventually('the standby leading', () => standby.elector.isLeader(), 10_000);
    expect(Date.now() - stoppedAt).toBeLessThan(LEASE_MS + clock.realMs(2_400) + 500);
    expect(leader.events).toEqual(['started', 'stopped']);
    expect(standby.events).toEqual(['started']);

    const lease = await drydock().client().get<Lease>(resources.leases, 'kube-system', 'in-process');
    expect(lease?.spec).toMatchObject({ holderIdentity: standby === a ? 'a' : 'b', leaseDurationSeconds: 15, leaseTransitions: 1 });
    await standby.elector.stop({ release: true });
    const released = await drydock().client().get<Lease>(resources.leases, 'kube-system', 'in-process');
    expect(released?.spec?.holderIdentity ?? '').toBe('');
  });

  it('a leader process killed with SIGKILL is replaced by the standby within the lease duration', async () => {
    const child = spawn(process.execPath, ['-r', join(__dirname, '../../../tools/register-typescript.js'), join(__dirname, 'support', 'elector-process.ts')], {
      env: { ...process.env, ELECTOR_KUBECONFIG: drydock().kubeconfigPath, ELECTOR_IDENTITY: 'child', ELECTOR_LEASE: 'killed', ELECTOR_CLOCK_SCALE: '10' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await eventually('the child leading', () => output.includes('leading child'), 30_000);
      const standby = candidate('standby', 'killed');
      await new Promise((resolve) => setTimeout(resolve, clock.realMs(4_000)));
      expect(standby.elector.isLeader()).toBe(false);

      child.kill('SIGKILL');
      await exited;
      const killedAt = Date.now();
      await eventually('the standby leading', () => standby.elector.isLeader(), 10_000);
      expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + clock.realMs(2_400) + 500);
      await standby.elector.stop();
    } finally {
      child.kill('SIGKILL');
    }
  });
});
