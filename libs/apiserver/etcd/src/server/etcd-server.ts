import { Server, ServerCredentials } from '@grpc/grpc-js';
import { etcdService } from '@drydock/kube';
import type { EtcdKeySpace } from '../key-space/etcd-key-space';
import { clusterService, type MemberUrls } from './cluster.service';
import { kvService } from './kv.service';
import { leaseService } from './lease.service';
import { maintenanceService } from './maintenance.service';
import { watchService } from './watch.service';

export interface EtcdServerOptions {
  host: string;
  port: number;
  /** PEM: the etcd CA (client certificates must be signed by it, as etcd's --client-cert-auth), the member's certificate and key. */
  tls: { caCert: Buffer; cert: Buffer; key: Buffer };
  space: EtcdKeySpace;
  /** The store's size on disk, for `endpoint status`'s DB SIZE. */
  databaseSize: () => Promise<number>;
  memberUrls: MemberUrls;
}

export interface RunningEtcdServer {
  port: number;
  close(): Promise<void>;
}

/**
 * etcd's v3 gRPC API over Drydock's store (KV, Watch, Lease, Maintenance, Cluster), on TLS with client
 * certificates required: the endpoint bypasses the API server's authentication and RBAC as etcd does,
 * so only holders of a certificate from the etcd CA (in the data directory) reach it.
 */
export async function startEtcdServer(options: EtcdServerOptions): Promise<RunningEtcdServer> {
  const server = new Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024, 'grpc.max_send_message_length': 64 * 1024 * 1024 });
  const revision = () => options.space.revision;
  server.addService(etcdService('KV').service, kvService(options.space));
  server.addService(etcdService('Watch').service, watchService(options.space));
  server.addService(etcdService('Lease').service, leaseService(revision));
  server.addService(etcdService('Maintenance').service, maintenanceService(options.space, options.databaseSize, options.memberUrls));
  server.addService(etcdService('Cluster').service, clusterService(revision, options.memberUrls));
  const credentials = ServerCredentials.createSsl(options.tls.caCert, [{ cert_chain: options.tls.cert, private_key: options.tls.key }], true);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync(`${options.host}:${options.port}`, credentials, (error, bound) => (error ? reject(error) : resolve(bound))));
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.forceShutdown(), 2000);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    }),
  };
}
