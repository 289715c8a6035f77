import { join } from 'node:path';
import { createKubeClient, loadKubeconfig } from '@drydock/client';
import { reportStatsPeriodically, startLeaderElectedScheduler } from '@drydock/scheduler';
import { clockFromEnv } from '@drydock/util';

/** kube-scheduler for Drydock: KUBECONFIG (default `$DRYDOCK_DATA_DIR/kubeconfig`), DRYDOCK_CLOCK_SCALE. */
async function main(): Promise<void> {
  const dataDir = process.env.DRYDOCK_DATA_DIR ?? join(process.cwd(), '.drydock');
  const kubeconfig = process.env.KUBECONFIG?.split(':')[0] || join(dataDir, 'kubeconfig');
  const client = createKubeClient(loadKubeconfig(kubeconfig, 'kube-scheduler'));
  const running = await startLeaderElectedScheduler({ client, clock: clockFromEnv() });
  process.stdout.write(`scheduler started (${running.scheduler.schedulerName}), waiting for the kube-system/kube-scheduler lease\n`);
  reportStatsPeriodically(running.scheduler, (line) => process.stdout.write(`${line}\n`));
  const shutdown = () => void running.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: Error) => {
  process.stderr.write(`scheduler failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
