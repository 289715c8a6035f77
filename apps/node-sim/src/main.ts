import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterClients, DEFAULT_CLUSTER, loadKubeconfig } from '@drydock/client';
import { ClusterNodeSimulators, describeShard, nodeShardFromEnv, nodesFromEnv, withControlPlaneNode } from '@drydock/node-sim';
import { clockFromEnv } from '@drydock/util';

/**
 * The node simulator process, for every cluster: KUBECONFIG (default $DRYDOCK_DATA_DIR/kubeconfig), the default
 * cluster's nodes from DRYDOCK_NODES or DRYDOCK_NODE_CONFIG, DRYDOCK_CONTROL_PLANE (1: add the `controlplane` node),
 * DRYDOCK_CLOCK_SCALE, DRYDOCK_KUBELET_PORT (default 0: any free port), DRYDOCK_KUBELET_HOST (listen address, default
 * 127.0.0.1) and DRYDOCK_KUBELET_ADVERTISE_HOST (where the API servers reach it), and DRYDOCK_NODE_SHARD_INDEX of
 * DRYDOCK_NODE_SHARD_COUNT: this process's share of every cluster's nodes when several node simulators run.
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
  const shard = nodeShardFromEnv();
  const kubelet = { kubeletPort: Number(process.env.DRYDOCK_KUBELET_PORT ?? 0), kubeletHost: process.env.DRYDOCK_KUBELET_HOST || undefined, kubeletAdvertiseHost: process.env.DRYDOCK_KUBELET_ADVERTISE_HOST || undefined };
  const simulators = new ClusterNodeSimulators({ clients, clock: clockFromEnv(), defaultNodes: nodes, shard, kubeletToken, nodeCredentialKey, ...kubelet, dataDir });
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
  process.stdout.write(`node-sim (${describeShard(shard)}): ${simulator.nodes.length} nodes registered in ${Date.now() - started} ms (${simulator.nodes.map((node) => node.name).join(', ')}); kubelet endpoints at ${simulator.endpoint}\n`);
}

main().catch((error) => {
  process.stderr.write(`node-sim: ${(error as Error).message ?? error}\n`);
  process.exit(1);
});
