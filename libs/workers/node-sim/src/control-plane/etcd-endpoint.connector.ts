import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectEtcd, type EtcdClient, type EtcdClientOptions } from '@drydock/kube';
import type { EtcdctlContext } from '../shell/commands/etcdctl/etcdctl.command';

/** The port the simulated etcd listens on, as kubeadm's manifest and the notes name it. */
export const SIMULATED_ETCD_PORT = 2379;

/**
 * How node-sim reaches the etcd v3 endpoint the API server serves over the store
 * (127.0.0.1:$DRYDOCK_ETCD_PORT, docs/etcd.md): with the healthcheck client certificate kubeadm's
 * layout keeps in `$DRYDOCK_DATA_DIR/pki/etcd/`, read when a connection is made (the API server writes
 * them on its first start). Undefined when no endpoint is served (DRYDOCK_ETCD_PORT=0) or the files are
 * missing (a node simulator on another machine).
 */
export function etcdEndpointOptions(dataDir: string): EtcdClientOptions | undefined {
  const port = Number(process.env['DRYDOCK_ETCD_PORT'] ?? SIMULATED_ETCD_PORT);
  if (!port) return undefined;
  const pki = join(dataDir, 'pki', 'etcd');
  try {
    return { endpoint: `127.0.0.1:${port}`, caCert: readFileSync(join(pki, 'ca.crt')), cert: readFileSync(join(pki, 'healthcheck-client.crt')), key: readFileSync(join(pki, 'healthcheck-client.key')) };
  } catch {
    return undefined;
  }
}

/**
 * etcdctl's view of the network from the control-plane node (or its hostNetwork etcd pod): the member
 * answers on port 2379 (or the endpoint's real port) of the loopback and of the node's own addresses.
 */
export function etcdctlContext(dataDir: string, nodeAddresses: () => string[], now: () => Date): EtcdctlContext {
  return {
    connect(endpoint: string): EtcdClient | undefined {
      const options = etcdEndpointOptions(dataDir);
      const match = /^(?:(https?|unix|unixs):\/\/)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(endpoint.trim());
      if (!options || !match || match[1] === 'http') return undefined;
      const host = match[2].replace(/^\[|\]$/g, '');
      const port = Number(match[3] ?? SIMULATED_ETCD_PORT);
      const local = ['127.0.0.1', 'localhost', '::1', ...nodeAddresses()].includes(host);
      return local && (port === SIMULATED_ETCD_PORT || `127.0.0.1:${port}` === options.endpoint) ? connectEtcd(options) : undefined;
    },
    caCert: () => etcdEndpointOptions(dataDir)?.caCert,
    now,
  };
}
