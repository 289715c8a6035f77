import { StatusError } from '@drydock/util';
import { messageNameForKind } from '../schema/kind-message.resolver';
import { readFields, WireFormatError } from '../wire/wire-reader';
import { decodeMessage } from './message.decoder';

/** The four bytes every Kubernetes protobuf body starts with. */
export const KUBERNETES_PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The media type of Kubernetes protobuf bodies. */
export const KUBERNETES_PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

/** True for `application/vnd.kubernetes.protobuf`, with or without parameters; false for `…;stream=watch`. */
export function isKubernetesProtobufContentType(contentType: string | undefined): boolean {
  const [mediaType, ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  return mediaType === KUBERNETES_PROTOBUF_CONTENT_TYPE && !parameters.some((p) => p.startsWith('stream='));
}

/** runtime.Unknown, the envelope after the magic: typeMeta = 1 {apiVersion = 1, kind = 2}, raw = 2, contentEncoding = 3, contentType = 4. */
interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Buffer;
  contentEncoding: string;
}

function readEnvelope(body: Buffer): Envelope {
  if (body.length < 4 || !body.subarray(0, 4).equals(KUBERNETES_PROTOBUF_MAGIC)) {
    throw new WireFormatError(`provided data does not appear to be a protobuf message, expected prefix [${[...KUBERNETES_PROTOBUF_MAGIC].join(' ')}]`);
  }
  const envelope: Envelope = { apiVersion: '', kind: '', raw: Buffer.alloc(0), contentEncoding: '' };
  for (const field of readFields(body.subarray(4))) {
    if (!Buffer.isBuffer(field.value)) continue;
    if (field.number === 1) {
      for (const part of readFields(field.value)) {
        if (part.number === 1 && Buffer.isBuffer(part.value)) envelope.apiVersion = part.value.toString('utf8');
        if (part.number === 2 && Buffer.isBuffer(part.value)) envelope.kind = part.value.toString('utf8');
      }
    }
    if (field.number === 2) envelope.raw = field.value;
    if (field.number === 3) envelope.contentEncoding = field.value.toString('utf8');
  }
  return envelope;
}

function unsupportedKind(envelope: Envelope): StatusError {
  const gvk = `${envelope.apiVersion}, Kind=${envelope.kind}`;
  return new StatusError(415, 'UnsupportedMediaType', `the body of the request was in protobuf for ${gvk}, which this server cannot decode; send application/json`, {
    kind: envelope.kind,
    causes: [{ reason: 'UnsupportedMediaType', message: KUBERNETES_PROTOBUF_CONTENT_TYPE }],
  });
}

function decodeBody(body: Buffer): Record<string, unknown> {
  const envelope = readEnvelope(body);
  if (!envelope.kind) throw new WireFormatError("Object 'Kind' is missing in the protobuf envelope");
  if (!envelope.apiVersion) throw new WireFormatError("Object 'apiVersion' is missing in the protobuf envelope");
  if (envelope.contentEncoding) throw unsupportedKind(envelope);
  const name = messageNameForKind(envelope.apiVersion, envelope.kind);
  if (!name) throw unsupportedKind(envelope);
  const object = decodeMessage(name, envelope.raw, decodeBody) as Record<string, unknown>;
  return { apiVersion: envelope.apiVersion, kind: envelope.kind, ...object };
}

/**
 * Decodes a request body sent as `application/vnd.kubernetes.protobuf` (magic `k8s\0` + runtime.Unknown) into
 * the JSON object the same client would have sent as `application/json`, apiVersion and kind first.
 * Throws only StatusError: 400 BadRequest for malformed bytes, 415 UnsupportedMediaType for a kind (or a
 * content encoding) without a schema here. Pure; does not keep or mutate `body`.
 */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, unknown> {
  try {
    return decodeBody(body);
  } catch (error) {
    if (error instanceof StatusError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw StatusError.badRequest(`unable to decode protobuf request body: ${detail}`);
  }
}
