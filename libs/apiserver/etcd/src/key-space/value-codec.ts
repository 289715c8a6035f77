import { decodeKubernetesProtobuf, encodeKubernetesProtobuf, hasKubernetesProtobuf } from '@drydock/protobuf';
import type { KubeObject } from '@drydock/util';

/**
 * An object's bytes as kube-apiserver stores them in etcd: protobuf in the `k8s\0` envelope for the
 * kinds that have a message (every built-in kind), JSON followed by a newline for the others (custom
 * resources, Drydock's own kinds), as its storage codecs write them.
 */
export function encodeStoredValue(object: KubeObject): Buffer {
  const { apiVersion = '', kind = '' } = object as { apiVersion?: string; kind?: string };
  if (hasKubernetesProtobuf(apiVersion, kind)) {
    try {
      return encodeKubernetesProtobuf(object);
    } catch {
      // A field the message table cannot write (should not happen): JSON still reads back.
    }
  }
  return Buffer.from(`${JSON.stringify(object)}\n`);
}

/** Thrown when a value written through etcd's API is neither protobuf nor JSON of an object. */
export class UndecodableValueError extends Error {}

/** The object in a value written through etcd's API: protobuf (`k8s\0`…) or JSON. */
export function decodeStoredValue(value: Buffer): KubeObject {
  if (value.subarray(0, 4).toString('latin1') === 'k8s\0') {
    try {
      return decodeKubernetesProtobuf(value) as KubeObject;
    } catch (error) {
      throw new UndecodableValueError(error instanceof Error ? error.message : String(error));
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    throw new UndecodableValueError(`couldn't get version/kind; json parse error: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UndecodableValueError('the value is not an object');
  return parsed as KubeObject;
}
