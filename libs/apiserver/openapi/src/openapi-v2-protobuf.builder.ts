/**
 * Content-Type of the /openapi/v2 response, as upstream's kube-openapi handler sends it. kubectl asks with
 * `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, but the `@` is not a valid media-type
 * character and client-go rejects a response labelled with it ("mime: unexpected content after media subtype").
 */
export const openApiV2ProtobufContentType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

let cached: Buffer | undefined;

/**
 * Body for `GET /openapi/v2`: a gnostic openapi_v2.Document in protobuf with `swagger: "2.0"` and `info`,
 * and deliberately no paths or definitions.
 *
 * Why serve it at all: kubectl and helm fall back to v2 where v3 has no PATCH for a kind (`kind: List`
 * files, create-only kinds such as SelfSubjectAccessReview). Without /openapi/v2 they fail with "failed to
 * download openapi"; with this document they find no definition, skip client-side validation and send
 * `fieldValidation=Strict`, so the server validates.
 * Why empty: client-side apply computes strategic merge patches from v2 definitions when it finds one, and
 * ours carry no x-kubernetes-patch-* extensions, so lists would be replaced instead of merged by key. With
 * no definitions kubectl uses its compiled-in types, whose patch metadata is right.
 */
export function openApiV2Protobuf(): Buffer {
  cached ??= Buffer.concat([stringField(1, '2.0'), messageField(2, Buffer.concat([stringField(1, 'Kubernetes'), stringField(2, 'v1.35.0')]))]);
  return cached;
}

function stringField(field: number, value: string): Buffer {
  return messageField(field, Buffer.from(value, 'utf8'));
}

/** A length-delimited field (wire type 2): key, varint length, bytes. */
function messageField(field: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(bytes.length), bytes]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}
