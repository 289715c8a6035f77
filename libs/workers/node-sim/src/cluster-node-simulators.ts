import { join } from 'node:path';
import { ClusterClients, ClusterSet, DEFAULT_CLUSTER } from '@drydock/client';
import type { Clock } from '@drydock/util';
import type { NodeDefinition } from './node/node-pool.config';
import { RunningNodeSimulator, startNodeSimulator } from './node-simulator';

export interface ClusterNodeSimulatorsOptions {
  clients: ClusterClients;
  clock: Clock;
  kubeletToken: string;
  /** The default cluster's kubelet port (others take any free port). */
  kubeletPort?: number;
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
  private readonly set: ClusterSet<RunningNodeSimulator, NodeDefinition[]>;
  private readonly log: (message: string) => void;

  constructor(private readonly options: ClusterNodeSimulatorsOptions) {
    this.log = options.log ?? ((message: string) => process.stderr.write(`node-sim: ${message}\n`));
    this.set = new ClusterSet<RunningNodeSimulator, NodeDefinition[]>((cluster, nodes) => this.startCluster(cluster, nodes ?? []), this.log);
  }

  /** Starts the cluster's nodes (idempotent); resolves once they are registered. */
  add(cluster: string, nodes: NodeDefinition[]): Promise<void> {
    return this.set.add(cluster, nodes);
  }

  /** Stops the cluster's heartbeats, pod workers, informers and kubelet server. */
  async remove(cluster: string): Promise<void> {
    await this.set.remove(cluster);
    if (cluster !== DEFAULT_CLUSTER) this.options.clients.release(cluster);
  }

  simulator(cluster: string): RunningNodeSimulator | undefined {
    return this.set.get(cluster);
  }

  clusters(): string[] {
    return this.set.names();
  }

  stop(): Promise<void> {
    return this.set.stop();
  }

  private async startCluster(cluster: string, nodes: NodeDefinition[]): Promise<RunningNodeSimulator> {
    const isDefault = cluster === DEFAULT_CLUSTER;
    const { dataDir } = this.options;
    const simulator = await startNodeSimulator({
      client: this.options.clients.forCluster(cluster),
      clock: this.options.clock,
      nodes,
      kubeletToken: this.options.kubeletToken,
      kubeletPort: isDefault ? this.options.kubeletPort : 0,
      dataDir: dataDir && (isDefault ? dataDir : join(dataDir, 'clusters', cluster)),
      staticPods: isDefault,
      log: isDefault ? this.log : (message) => this.log(`[cluster ${cluster}] ${message}`),
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
