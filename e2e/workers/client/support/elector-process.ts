// A leader-election candidate as its own process, for the failover test: prints `leading <identity>`
// when it acquires the lease. Killed with SIGKILL, it never releases the lease.
import { createKubeClient, LeaderElector, loadKubeconfig } from '@drydock/client';
import { createClock } from '@drydock/util';

const identity = process.env.ELECTOR_IDENTITY ?? 'child';
const client = createKubeClient(loadKubeconfig(process.env.ELECTOR_KUBECONFIG!, 'elector-process'));
const elector = new LeaderElector({
  client,
  namespace: process.env.ELECTOR_NAMESPACE ?? 'kube-system',
  name: process.env.ELECTOR_LEASE ?? 'failover',
  identity,
  clock: createClock(Number(process.env.ELECTOR_CLOCK_SCALE ?? 10)),
  scaleLeaseTimings: true,
  onStartedLeading: () => {
    process.stdout.write(`leading ${identity}\n`);
  },
  onStoppedLeading: () => {
    process.stdout.write(`stopped ${identity}\n`);
  },
  log: () => undefined,
});
void elector.run();
