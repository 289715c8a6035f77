import { join, resolve } from 'node:path';
import { clockFromEnv } from '@drydock/util';
import { publishComponentMetrics } from '@drydock/client';
import { startControllerManager } from '@drydock/controllers';

/**
 * kube-controller-manager for Drydock, with --use-service-account-credentials (as kubeadm runs it: each
 * controller as its ServiceAccount in kube-system). KUBECONFIG (default `$DRYDOCK_DATA_DIR/kubeconfig`;
 * `npm start` gives it controller-manager.conf, system:kube-controller-manager),
 * DRYDOCK_CLOCK_SCALE, DRYDOCK_LOADBALANCER_POOL. Two or more may run: one leads (Lease kube-system/kube-controller-manager),
 * the others stand by. Exits 1 when leadership is lost, as upstream.
 */
async function main(): Promise<void> {
  const dataDir = resolve(process.env.DRYDOCK_DATA_DIR ?? join(process.cwd(), '.drydock'));
  const manager = await startControllerManager({ kubeconfigPath: process.env.KUBECONFIG || join(dataDir, 'kubeconfig'), clock: clockFromEnv(), useServiceAccountCredentials: true, settings: { loadBalancerPool: process.env.DRYDOCK_LOADBALANCER_POOL || undefined } });
  publishComponentMetrics(dataDir, 'kube-controller-manager', [{ name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames: ['name'], read: () => Object.entries(manager.workQueueDepths()).map(([name, value]) => ({ labels: { name }, value })) }]);
  const shutdown = () => void manager.stop().then(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  if ((await manager.done) === 'lost') process.exit(1);
}

main().catch((error: Error) => {
  process.stderr.write(`controller-manager failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
