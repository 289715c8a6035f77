import { join } from 'node:path';
import { ClusterClients, clusterClock, ClusterSet, DEFAULT_CLUSTER, serveDiscoveredClusters } from '@drydock/client';
import { signNodeToken, type Clock, type KubeObject } from '@drydock/util';
import type { KubeClient } from '@drydock/client';
import { clusterNodeDefinitions, NodeDefinition } from './node/node-pool.config';
import { NodeShard, nodesOfShard, WHOLE_CLUSTER } from './node/node-shard';
import { RunningNodeSimulator, startNodeSimulator } from './node-simulator';

export interface ClusterNodeSimulatorsOptions {
  clients: ClusterClients;
  clock: Clock;
  kubeletToken: string;
  /**
   * The key of the node tokens (`pki/node-credentials.key`): each node's kubelet then writes as
   * `system:node:<name>` of its cluster (signNodeToken). Without it, every write uses the cluster's client.
   */
  nodeCredentialKey?: string;
  /** The default cluster's kubelet port (others take any free port). */
  kubeletPort?: number;
  /** Where the kubelet endpoints listen (default 127.0.0.1) and the host the Nodes advertise for them (default: that address). */
  kubeletHost?: string;
  kubeletAdvertiseHost?: string;
  /** This process's share of every cluster's nodes when several node simulators run (default: all of them). */
  shard?: NodeShard;
  /** The default cluster's nodes (a sandbox's come from its Cluster's spec). */
  defaultNodes: NodeDefinition[];
  /** Also run the nodes of the sandbox clusters the default cluster's Cluster objects name (default true). */
  discoverClusters?: boolean;
  /** Drydock's data directory; another cluster's node files and volumes live under `<dataDir>/clusters/<name>`. */
  dataDir?: string;
  log?: (message: string) => void;
}

/**
 * The simulated nodes of every cluster in one process: per cluster one simulator (its own informers,
 * pod workers, heartbeats and kubelet server), started with the cluster's node definitions and stopped
 * with the cluster. Only the default cluster has the control plane's static pods.
 */
export class ClusterNodeSimulators {
  private readonly set: ClusterSet<RunningNodeSimulator, KubeObject>;
  private readonly log: (message: string) => void;
  private discovery?: { stop(): Promise<void> };

  constructor(private readonly options: ClusterNodeSimulatorsOptions) {
    this.log = options.log ?? ((message: string) => process.stderr.write(`node-sim: ${message}\n`));
    this.set = new ClusterSet<RunningNodeSimulator, KubeObject>((cluster, object) => this.startCluster(cluster, object), this.log);
  }

  /** The default cluster's nodes (resolves once registered), then every discovered cluster's. */
  async start(): Promise<void> {
    await this.set.add(DEFAULT_CLUSTER);
    if (this.options.discoverClusters !== false) this.discovery ??= serveDiscoveredClusters(this.set, this.options.clients, this.log);
  }

  /** Starts a cluster's nodes from its Cluster object (idempotent); resolves once they are registered. */
  add(cluster: string, object: KubeObject): Promise<void> {
    return this.set.add(cluster, object);
  }

  /** Stops the cluster's heartbeats, pod workers, informers and kubelet server. */
  remove(cluster: string): Promise<void> {
    return this.set.remove(cluster);
  }

  simulator(cluster: string): RunningNodeSimulator | undefined {
    return this.set.get(cluster);
  }

  clusters(): string[] {
    return this.set.names();
  }

  async stop(): Promise<void> {
    await this.discovery?.stop();
    await this.set.stop();
  }

  /** One client per node of `cluster`, each with that node's token, over the process's sockets. */
  private kubeletClients(cluster: string): ((node: string) => KubeClient) | undefined {
    const key = this.options.nodeCredentialKey;
    if (!key) return undefined;
    const clients = new Map<string, KubeClient>();
    return (node) => {
      let client = clients.get(node);
      if (!client) {
        const token = signNodeToken(key, { cluster, node });
        client = this.options.clients.forClusterAs(cluster, () => token);
        clients.set(node, client);
      }
      return client;
    };
  }

  private async startCluster(cluster: string, object: KubeObject | undefined): Promise<RunningNodeSimulator> {
    const isDefault = cluster === DEFAULT_CLUSTER;
    const nodes = nodesOfShard(isDefault ? this.options.defaultNodes : clusterNodeDefinitions(object?.spec), this.options.shard ?? WHOLE_CLUSTER);
    const { dataDir } = this.options;
    const log = isDefault ? this.log : (message: string) => this.log(`[cluster ${cluster}] ${message}`);
    const simulator = await startNodeSimulator({
      client: this.options.clients.forCluster(cluster),
      informers: this.options.clients.informersFor(cluster, log),
      kubeletClient: this.kubeletClients(cluster),
      clock: isDefault ? this.options.clock : clusterClock(object, this.options.clock),
      nodes,
      kubeletToken: this.options.kubeletToken,
      kubeletPort: isDefault ? this.options.kubeletPort : 0,
      kubeletHost: this.options.kubeletHost,
      kubeletAdvertiseHost: this.options.kubeletAdvertiseHost,
      dataDir: dataDir && (isDefault ? dataDir : join(dataDir, 'clusters', cluster)),
      staticPods: isDefault,
      log,
    });
    try {
      await simulator.registered;
    } catch (error) {
      await simulator.stop();
      throw error;
    }
    return simulator;
  }
}
