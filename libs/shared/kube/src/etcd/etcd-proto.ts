import { join } from 'node:path';
import { loadPackageDefinition, type GrpcObject, type ServiceClientConstructor } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

/**
 * etcd's v3 API (etcdserverpb/rpc.proto, mvccpb/kv.proto) as @grpc/proto-loader reads it: field
 * names as in the .proto (snake_case), 64-bit integers as decimal strings (IDs are full uint64),
 * bytes as Buffers, enums as their names, oneofs named. Loaded on first use (most importers of this
 * library never speak etcd's API).
 */
let etcdserverpb: GrpcObject | undefined;

function load(): GrpcObject {
  const definition = loadSync('etcd/api/etcdserverpb/rpc.proto', {
    includeDirs: [join(__dirname, '../../proto')],
    keepCase: true,
    longs: String,
    enums: String,
    bytes: Buffer,
    defaults: true,
    oneofs: true,
  });
  return (loadPackageDefinition(definition) as unknown as { etcdserverpb: GrpcObject }).etcdserverpb;
}

export type EtcdServiceName = 'KV' | 'Watch' | 'Lease' | 'Cluster' | 'Maintenance';

export function etcdService(name: EtcdServiceName): ServiceClientConstructor {
  etcdserverpb ??= load();
  return etcdserverpb[name] as ServiceClientConstructor;
}

/** A 64-bit field as the loader hands it over (a decimal string) or as we write it. */
export type Int64 = string | number;

/** mvccpb.KeyValue. */
export interface KeyValueMessage {
  key: Buffer;
  create_revision: Int64;
  mod_revision: Int64;
  version: Int64;
  value: Buffer;
  lease: Int64;
}

/** etcdserverpb.ResponseHeader. */
export interface ResponseHeaderMessage {
  cluster_id: string;
  member_id: string;
  revision: Int64;
  raft_term: Int64;
}
