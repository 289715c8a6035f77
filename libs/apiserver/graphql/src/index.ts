export * from './graphql.module';
export * from './graphql-ws.handler';
export type { LoopbackTarget } from './kube/kube-api.client';
export type { NamespaceDirectory } from './access/access-reviewer';
export type { KubeTransport, StreamReply, TransportReply, TransportRequest } from './kube/kube-transport';
