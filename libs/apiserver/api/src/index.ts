export * from './api-server.config';
export * from './api-server';
export * from './security/pki';
export * from './security/kubeconfig';
