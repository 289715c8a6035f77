export * from './etcd-member';
export * from './key-space/etcd-key-space';
export * from './key-space/value-codec';
export * from './snapshot/snapshot-file';
export * from './server/etcd-server';
export * from './client/etcd-kv.client';
export * from './snapshot/snapshot-restore';
