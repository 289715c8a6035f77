import { join } from 'node:path';
import { ClusterClients, LineWriter, loadKubeconfig, publishComponentMetrics } from '@drydock/client';
import { reportStatsPeriodically, startClusterSchedulers } from '@drydock/scheduler';
import { clockFromEnv } from '@drydock/util';

/** kube-scheduler for Drydock, for every cluster: KUBECONFIG (default `$DRYDOCK_DATA_DIR/kubeconfig`), DRYDOCK_CLOCK_SCALE. */
async function main(): Promise<void> {
  const dataDir = process.env.DRYDOCK_DATA_DIR ?? join(process.cwd(), '.drydock');
  const kubeconfig = process.env.KUBECONFIG?.split(':')[0] || join(dataDir, 'kubeconfig');
  const clients = new ClusterClients(loadKubeconfig(kubeconfig, 'kube-scheduler'));
  // klog's lines (one per binding at --v=2) go to stderr without holding the scheduling loop.
  const stderr = new LineWriter();
  const running = await startClusterSchedulers({ clients, clock: clockFromEnv(), log: (line) => stderr.line(line) });
  process.stdout.write(`scheduler started (${running.schedulers.schedulerName}), waiting for the kube-system/kube-scheduler lease\n`);
  reportStatsPeriodically(running.schedulers, (line) => process.stdout.write(`${line}\n`));
  // upstream's scheduler_pending_pods{queue}: active, backoff, unschedulable (in-flight pods are being scheduled).
  publishComponentMetrics(dataDir, 'kube-scheduler', [{ name: 'scheduler_pending_pods', help: 'Number of pending pods, by the queue type.', labelNames: ['queue'], read: () => Object.entries(running.schedulers.stats().queue).filter(([queue]) => queue !== 'in-flight').map(([queue, value]) => ({ labels: { queue }, value })) }]);
  const shutdown = () => void running.stop().then(() => { clients.close(); process.exit(0); }, () => process.exit(1));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: Error) => {
  process.stderr.write(`scheduler failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
