export * from './kube-object';
export * from './field-error';
export * from './status-error';
export * from './clock';
export * from './json-equal';
export * from './node-token';
export * from './klog';
export * from './logical-cluster';
