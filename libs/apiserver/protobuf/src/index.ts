export { decodeKubernetesProtobuf, isKubernetesProtobufContentType, KUBERNETES_PROTOBUF_CONTENT_TYPE, KUBERNETES_PROTOBUF_MAGIC } from './decode/kubernetes-protobuf.decoder';
export { goDurationString } from './decode/special-types.converter';
export { messageNameForKind } from './schema/kind-message.resolver';
export { messageNames, messageSchema } from './schema/message-table';
export type { FieldEntry, FieldSchema, MessageSchema } from './schema/message-table';
