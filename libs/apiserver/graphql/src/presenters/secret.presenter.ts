import type { KubeObject } from '@drydock/util';

/** What stands for each hidden value. */
export const HIDDEN_VALUE = '<hidden>';

/** kubectl apply's copy of the applied object: for a Secret it holds the applied data or stringData. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * A Secret as a page may show it before anyone reveals it: every value of data and stringData replaced by
 * HIDDEN_VALUE (the keys kept), and the last-applied-configuration annotation too. Any other object is
 * returned as it is. Never mutates `object` (it may be the watch cache's).
 */
export function withoutSecretValues(object: KubeObject): KubeObject {
  if (object.kind !== 'Secret' || object.apiVersion !== 'v1') return object;
  const hide = (values: unknown) => (values && typeof values === 'object' ? Object.fromEntries(Object.keys(values).map((key) => [key, HIDDEN_VALUE])) : values);
  const annotations = object.metadata.annotations;
  const metadata = annotations?.[LAST_APPLIED] !== undefined ? { ...object.metadata, annotations: { ...annotations, [LAST_APPLIED]: HIDDEN_VALUE } } : object.metadata;
  const secret = object as KubeObject & { data?: unknown; stringData?: unknown };
  return { ...object, metadata, ...('data' in secret ? { data: hide(secret.data) } : {}), ...('stringData' in secret ? { stringData: hide(secret.stringData) } : {}) } as KubeObject;
}
