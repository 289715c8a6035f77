import { credentials, type Client } from '@grpc/grpc-js';
import { etcdService, type KeyValueMessage } from '../etcd-proto';

export interface EtcdClientOptions {
  /** host:port */
  endpoint: string;
  /** PEM */
  caCert: Buffer;
  cert: Buffer;
  key: Buffer;
}

type Unary = (request: object, callback: (error: Error | null, response: Record<string, unknown>) => void) => void;

/** The KV calls a restore needs, over etcd's gRPC API (Drydock's endpoint, or any etcd). */
export interface EtcdKvClient {
  range(key: Buffer, rangeEnd?: Buffer, keysOnly?: boolean): Promise<KeyValueMessage[]>;
  put(key: Buffer, value: Buffer): Promise<void>;
  delete(key: Buffer): Promise<void>;
  close(): void;
}

export function connectEtcdKv(options: EtcdClientOptions): EtcdKvClient {
  const KV = etcdService('KV');
  // The member's certificate names localhost: check it against that name rather than the IP (RFC 6066 forbids an IP as SNI).
  const client = new KV(options.endpoint, credentials.createSsl(options.caCert, options.key, options.cert), { 'grpc.ssl_target_name_override': 'localhost' }) as Client & Record<string, Unary>;
  const call = (method: string, request: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) => client[method].call(client, request, (error, response) => (error ? reject(error) : resolve(response))));
  return {
    range: async (key, rangeEnd, keysOnly = false) => ((await call('Range', { key, range_end: rangeEnd, keys_only: keysOnly }))['kvs'] as KeyValueMessage[]) ?? [],
    put: async (key, value) => void (await call('Put', { key, value })),
    delete: async (key) => void (await call('DeleteRange', { key })),
    close: () => client.close(),
  };
}
