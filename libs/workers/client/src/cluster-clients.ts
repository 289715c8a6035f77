import type { ClientConfig } from './client.types';
import { createTransportAgents, TransportAgents } from './http-transport';
import { ClosableKubeClient, createKubeClient } from './kube-client';

/** The cluster served at the API server's root (`/`); every other cluster is at `/clusters/<name>`. */
export const DEFAULT_CLUSTER = 'default';

/** The URL a cluster is served at: the server itself for `default`, `<server>/clusters/<name>` otherwise. */
export function clusterServer(server: string, cluster: string): string {
  const root = server.replace(/\/+$/, '');
  return cluster === DEFAULT_CLUSTER ? root : `${root}/clusters/${encodeURIComponent(cluster)}`;
}

/**
 * One worker process's clients, one per logical cluster, all over the same sockets: a cluster costs
 * a client object, not a connection pool (its watches still hold a socket each). The default cluster's
 * client is `forCluster('default')`.
 */
export class ClusterClients {
  private readonly agents: TransportAgents;
  private readonly clients = new Map<string, ClosableKubeClient>();

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

  /** Forgets a removed cluster's client (its watches are closed by their informers). */
  release(cluster: string): void {
    this.clients.delete(cluster);
  }

  /** Closes the shared keep-alive sockets; use no client afterwards. */
  close(): void {
    this.agents.agent.destroy();
    this.clients.clear();
  }
}
