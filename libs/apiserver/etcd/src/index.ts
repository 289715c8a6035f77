export * from './etcd-member';
export * from './key-space/etcd-key-space';
export * from './key-space/key-range';
export * from './key-space/key-space.transaction';
export * from './key-space/value-codec';
export * from './server/etcd-server';
export { kvService } from './server/kv.service';
export { maintenanceService } from './server/maintenance.service';
