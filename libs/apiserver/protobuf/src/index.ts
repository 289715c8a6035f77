export { decodeKubernetesProtobuf, isKubernetesProtobufContentType, KUBERNETES_PROTOBUF_CONTENT_TYPE, KUBERNETES_PROTOBUF_MAGIC } from './decode/kubernetes-protobuf.decoder';
export { goDurationString } from './decode/special-types.converter';
export { messageNameForKind } from './schema/kind-message.resolver';
export { messageNames, messageSchema } from './schema/message-table';
export type { FieldEntry, FieldSchema, MessageSchema } from './schema/message-table';
// For tests elsewhere (e.g. the REST layer): build protobuf bodies, or replay the bodies captured from kubectl.
export { kubernetesProtobufBody, ProtobufWriter } from './testing/protobuf.writer';
export { fixtureBody as kubectlFixtureBody, kubectlFixtures, type KubectlFixture } from './testing/kubectl-fixtures';
export { encodeKubernetesProtobuf, hasKubernetesProtobuf } from './encode/kubernetes-protobuf.encoder';
