import type { ClientConfig } from './client.types';
import { createTransportAgents, TransportAgents } from './http-transport';
import { ClosableKubeClient, createKubeClient } from './kube-client';
import { AllClustersInformers } from './cluster-informer-factory';
import type { InformerFactory } from './shared-informer-factory';

/** The cluster served at the API server's root (`/`); every other cluster is at `/clusters/<name>`. */
export const DEFAULT_CLUSTER = 'default';

/** Every cluster at once (`/clusters/*`): lists and watches only, for identities allowed in every cluster. */
export const ALL_CLUSTERS = '*';

/** The URL a cluster is served at: the server itself for `default`, `<server>/clusters/<name>` otherwise. */
export function clusterServer(server: string, cluster: string): string {
  const root = server.replace(/\/+$/, '');
  return cluster === DEFAULT_CLUSTER ? root : `${root}/clusters/${encodeURIComponent(cluster)}`;
}

/**
 * One worker process's clients, one per logical cluster, all over the same sockets: a cluster costs
 * a client object, not a connection pool. The default cluster's client is `forCluster('default')`. Its
 * informers (informersFor) are views of one list and watch per resource across every cluster, so a
 * cluster costs no watch either.
 */
export class ClusterClients {
  private readonly agents: TransportAgents;
  private readonly clients = new Map<string, ClosableKubeClient>();
  private allClusters?: AllClustersInformers;

  constructor(readonly config: ClientConfig) {
    this.agents = createTransportAgents(config.caCert);
  }

  forCluster(cluster: string): ClosableKubeClient {
    let client = this.clients.get(cluster);
    if (!client) {
      client = createKubeClient({ ...this.config, server: clusterServer(this.config.server, cluster) }, this.agents);
      this.clients.set(cluster, client);
    }
    return client;
  }

  /**
   * A client of `cluster` with another credential (a controller's ServiceAccount token, read from
   * `tokenSource` before each request; `onUnauthorized` hears of each 401), over the same sockets. Not kept: the caller owns it.
   */
  forClusterAs(cluster: string, tokenSource: () => string, onUnauthorized?: () => void): ClosableKubeClient {
    return createKubeClient({ ...this.config, server: clusterServer(this.config.server, cluster), tokenSource, onUnauthorized }, this.agents);
  }

  /**
   * The informer factory of one cluster: built-in resources are views of the process's informers of every
   * cluster (`/clusters/*`, one watch per resource for all clusters), anything else per cluster. Stop it with
   * the cluster; the shared informers stop with close().
   */
  informersFor(cluster: string, log?: (message: string) => void): InformerFactory {
    this.allClusters ??= new AllClustersInformers(this.forCluster(ALL_CLUSTERS), (name) => this.forCluster(name), log);
    return this.allClusters.forCluster(cluster, log);
  }

  /** Forgets a removed cluster's client (its watches are closed by their informers). */
  release(cluster: string): void {
    this.clients.delete(cluster);
  }

  /** Stops the informers of every cluster and closes the shared keep-alive sockets; use no client afterwards. */
  close(): void {
    void this.allClusters?.stop();
    this.allClusters = undefined;
    this.agents.agent.destroy();
    this.clients.clear();
  }
}
