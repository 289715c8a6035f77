export * from './etcd-member';
export * from './key-space/etcd-key-space';
export * from './key-space/value-codec';
export * from './server/etcd-server';
export { kvService } from './server/kv.service';
