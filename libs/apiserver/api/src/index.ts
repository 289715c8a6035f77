export * from './api-server.config';
export * from './api-server';
export * from './security/pki';
export * from './security/kubeconfig';
export { listObjects, listBody } from './rest/list.handler';
export type { ListPage } from './rest/list-page';
