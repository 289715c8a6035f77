import { credentials, Metadata, type Client, type ClientDuplexStream, type ClientReadableStream } from '@grpc/grpc-js';
import { etcdService, type EtcdServiceName, type KeyValueMessage } from './etcd-proto';

export interface EtcdClientOptions {
  /** host:port */
  endpoint: string;
  /** PEM */
  caCert: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** A message as @grpc/proto-loader hands it over (see etcd-proto.ts). */
export type EtcdMessage = Record<string, unknown>;

type Unary = (request: object, metadata: Metadata, options: { deadline?: number }, callback: (error: Error | null, response: EtcdMessage) => void) => void;
type Streaming = (request?: object) => ClientReadableStream<EtcdMessage> & ClientDuplexStream<EtcdMessage, EtcdMessage>;

/** etcd's gRPC API over TLS with a client certificate: every service on one connection per service. */
export interface EtcdClient {
  /** One unary call (`KV.Range`, `Cluster.MemberList`…); rejects with grpc-js's error (code, details). */
  unary(service: EtcdServiceName, method: string, request: object, timeoutMs?: number): Promise<EtcdMessage>;
  /** A server-streaming call (`Maintenance.Snapshot`). */
  serverStream(service: EtcdServiceName, method: string, request: object): ClientReadableStream<EtcdMessage>;
  /** A bidirectional call (`Watch.Watch`, `Lease.LeaseKeepAlive`). */
  duplex(service: EtcdServiceName, method: string): ClientDuplexStream<EtcdMessage, EtcdMessage>;
  close(): void;
}

export function connectEtcd(options: EtcdClientOptions): EtcdClient {
  const clients = new Map<EtcdServiceName, Client & Record<string, Unary | Streaming>>();
  const client = (service: EtcdServiceName) => {
    let existing = clients.get(service);
    if (!existing) {
      const Service = etcdService(service);
      // The member's certificate names localhost: check it against that name rather than the IP (RFC 6066 forbids an IP as SNI).
      existing = new Service(options.endpoint, credentials.createSsl(options.caCert, options.key, options.cert), { 'grpc.ssl_target_name_override': 'localhost' }) as Client & Record<string, Unary | Streaming>;
      clients.set(service, existing);
    }
    return existing;
  };
  return {
    unary: (service, method, request, timeoutMs) =>
      new Promise<EtcdMessage>((resolve, reject) => {
        const target = client(service);
        const deadline = timeoutMs ? Date.now() + timeoutMs : undefined;
        (target[method] as Unary).call(target, request, new Metadata(), { deadline }, (error, response) => (error ? reject(error) : resolve(response)));
      }),
    serverStream: (service, method, request) => {
      const target = client(service);
      return (target[method] as Streaming).call(target, request);
    },
    duplex: (service, method) => {
      const target = client(service);
      return (target[method] as Streaming).call(target);
    },
    close: () => clients.forEach((c) => c.close()),
  };
}

/** The KV calls a restore needs, over etcd's gRPC API (Drydock's endpoint, or any etcd). */
export interface EtcdKvClient {
  range(key: Buffer, rangeEnd?: Buffer, keysOnly?: boolean): Promise<KeyValueMessage[]>;
  put(key: Buffer, value: Buffer): Promise<void>;
  delete(key: Buffer): Promise<void>;
  close(): void;
}

export function etcdKv(client: EtcdClient): EtcdKvClient {
  return {
    range: async (key, rangeEnd, keysOnly = false) => ((await client.unary('KV', 'Range', { key, range_end: rangeEnd, keys_only: keysOnly }))['kvs'] as KeyValueMessage[]) ?? [],
    put: async (key, value) => void (await client.unary('KV', 'Put', { key, value })),
    delete: async (key) => void (await client.unary('KV', 'DeleteRange', { key })),
    close: () => client.close(),
  };
}

export function connectEtcdKv(options: EtcdClientOptions): EtcdKvClient {
  return etcdKv(connectEtcd(options));
}
