import { readFileSync } from 'node:fs';
import { EtcdKeySpace, startEtcdServer, type RunningEtcdServer, type StoredResourceInfo } from '@drydock/etcd';
import { qualifiedResource, type ResourceRegistry } from '@drydock/registry';
import type { Logger } from 'pino';
import type { ApiServerConfig } from '../api-server.config';
import { ensureEtcdPki } from '../security/pki';
import type { Storage } from '../storage.adapter';

/** The stored resources of the registry (built-in kinds and established CRDs), each once. */
function storedResources(registry: ResourceRegistry): StoredResourceInfo[] {
  const byName = new Map<string, StoredResourceInfo>();
  for (const def of registry.all()) {
    if (def.computed || def.review) continue;
    const resource = qualifiedResource(def);
    if (!byName.has(resource)) byName.set(resource, { resource, namespaced: def.namespaced });
  }
  return [...byName.values()];
}

/** The control-plane node's InternalIP, where kubeadm's etcd advertises itself (127.0.0.1 without one). */
function advertiseAddress(storage: Storage): string {
  const node = storage.watch.cached({ cluster: 'default', resource: 'nodes', namespace: '', name: 'controlplane' });
  const addresses = ((node?.['status'] as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses) ?? [];
  return addresses.find((address) => address.type === 'InternalIP')?.address ?? '127.0.0.1';
}

/**
 * Serves etcd's v3 API over the store on 127.0.0.1:`config.etcdPort` (kine's place in k3s: in the API
 * server's process, over its store and watch cache), with kubeadm's etcd certificates from
 * `<data dir>/pki/etcd/`. A port already taken (a real etcd on this machine) is logged and skipped:
 * the endpoint is for etcdctl, the API server does not need it.
 */
export async function startEtcdEndpoint(config: ApiServerConfig, storage: Storage, registry: ResourceRegistry, logger: Logger): Promise<RunningEtcdServer | undefined> {
  if (!config.etcdPort) return undefined;
  const files = ensureEtcdPki(config.dataDir);
  const space = new EtcdKeySpace(storage.store, storage.watch, () => storedResources(registry));
  try {
    const server = await startEtcdServer({
      host: '127.0.0.1',
      port: config.etcdPort,
      tls: { caCert: readFileSync(files.caCertFile), cert: readFileSync(files.serverCertFile), key: readFileSync(files.serverKeyFile) },
      space,
      databaseSize: async () => Number((await storage.pool.query('SELECT pg_database_size(current_database()) AS size')).rows[0].size),
      memberUrls: { peerUrls: () => [`https://${advertiseAddress(storage)}:2380`], clientUrls: () => [`https://${advertiseAddress(storage)}:${config.etcdPort}`] },
    });
    logger.info({ port: server.port }, 'etcd v3 endpoint listening');
    return server;
  } catch (error) {
    logger.error({ err: error, port: config.etcdPort }, 'etcd v3 endpoint not started (set DRYDOCK_ETCD_PORT to a free port)');
    return undefined;
  }
}
