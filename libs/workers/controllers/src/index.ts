export * from './controller-context';
export * from './util/workload.types';
export * from './util/label-selector';
export * from './util/controller-hash';
export * from './util/event-sink';
export * from './replicaset/replicaset.reconciler';
export * from './deployment/deployment.reconciler';
export * from './deployment/deployment-util';
