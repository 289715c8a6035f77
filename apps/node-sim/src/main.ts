import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterClients, DEFAULT_CLUSTER, loadKubeconfig } from '@drydock/client';
import { ClusterNodeSimulators, nodesFromEnv, withControlPlaneNode } from '@drydock/node-sim';
import { clockFromEnv } from '@drydock/util';

/**
 * The node simulator process, for every cluster: KUBECONFIG (default $DRYDOCK_DATA_DIR/kubeconfig), the default
 * cluster's nodes from DRYDOCK_NODES or DRYDOCK_NODE_CONFIG, DRYDOCK_CONTROL_PLANE (1: add the `controlplane` node),
 * DRYDOCK_CLOCK_SCALE, DRYDOCK_KUBELET_PORT (default 0: any free port).
 * SIGTERM/SIGINT stop heartbeats and pod updates; the Nodes stay (and go NotReady).
 */
async function main(): Promise<void> {
  const dataDir = process.env.DRYDOCK_DATA_DIR ?? '.drydock';
  const kubeconfig = process.env.KUBECONFIG ?? join(dataDir, 'kubeconfig');
  const clients = new ClusterClients(loadKubeconfig(kubeconfig, 'kubelet'));
  const tokenFile = join(dataDir, 'pki', 'kubelet-client.token');
  if (!existsSync(tokenFile)) throw new Error(`${tokenFile} is missing: the API server creates it on its first start (npm start), or set DRYDOCK_DATA_DIR`);
  const kubeletToken = readFileSync(tokenFile, 'utf8').trim();
  // Each kubelet writes as its node (system:node:<name>) when the data directory has the node-credential key.
  const nodeKeyFile = join(dataDir, 'pki', 'node-credentials.key');
  const nodeCredentialKey = existsSync(nodeKeyFile) ? readFileSync(nodeKeyFile, 'utf8').trim() : undefined;
  // npm start runs Drydock's own processes as the control-plane node's static pods (DRYDOCK_CONTROL_PLANE=1).
  const nodes = process.env.DRYDOCK_CONTROL_PLANE === '1' ? withControlPlaneNode(nodesFromEnv()) : nodesFromEnv();
  const simulators = new ClusterNodeSimulators({ clients, clock: clockFromEnv(), defaultNodes: nodes, kubeletToken, nodeCredentialKey, kubeletPort: Number(process.env.DRYDOCK_KUBELET_PORT ?? 0), dataDir });
  const stop = async () => {
    await simulators.stop();
    clients.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  const started = Date.now();
  await simulators.start();
  const simulator = simulators.simulator(DEFAULT_CLUSTER);
  if (!simulator) throw new Error('the default cluster\'s nodes could not be registered');
  process.stdout.write(`node-sim: ${nodes.length} nodes registered in ${Date.now() - started} ms; kubelet endpoints at ${simulator.endpoint}\n`);
}

main().catch((error) => {
  process.stderr.write(`node-sim: ${(error as Error).message ?? error}\n`);
  process.exit(1);
});
