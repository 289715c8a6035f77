import { KUBERNETES_PROTOBUF_MAGIC } from '../decode/kubernetes-protobuf.decoder';
import { messageNameForKind } from '../schema/kind-message.resolver';
import { encodeMessage } from './message.encoder';

const lengthDelimited = (number: number, bytes: Buffer) => {
  const header: number[] = [(number << 3) | 2];
  let length = bytes.length;
  while (length > 0x7f) {
    header.push((length & 0x7f) | 0x80);
    length >>>= 7;
  }
  header.push(length);
  return Buffer.concat([Buffer.from(header), bytes]);
};

/** Whether `apiVersion` + `kind` has a protobuf message (built-in kinds do; custom resources do not). */
export function hasKubernetesProtobuf(apiVersion: string, kind: string): boolean {
  return messageNameForKind(apiVersion, kind) !== undefined;
}

/**
 * An object as kube-apiserver's protobuf serializer writes it (what it stores in etcd and sends as
 * `application/vnd.kubernetes.protobuf`): `k8s\0` + runtime.Unknown{typeMeta{apiVersion, kind}, raw,
 * contentEncoding "", contentType ""}. Throws when the kind has no message (use JSON for it).
 */
export function encodeKubernetesProtobuf(object: { apiVersion?: string; kind?: string }): Buffer {
  const apiVersion = object.apiVersion ?? '';
  const kind = object.kind ?? '';
  const name = messageNameForKind(apiVersion, kind);
  if (!name) throw new Error(`no protobuf message for ${apiVersion}, Kind=${kind}`);
  const typeMeta = Buffer.concat([lengthDelimited(1, Buffer.from(apiVersion)), lengthDelimited(2, Buffer.from(kind))]);
  const unknown = Buffer.concat([lengthDelimited(1, typeMeta), lengthDelimited(2, encodeMessage(name, object)), lengthDelimited(3, Buffer.alloc(0)), lengthDelimited(4, Buffer.alloc(0))]);
  return Buffer.concat([KUBERNETES_PROTOBUF_MAGIC, unknown]);
}
