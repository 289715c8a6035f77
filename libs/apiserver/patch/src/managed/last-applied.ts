import { isPlainObject, KubeObject } from '@drydock/util';
import { FieldSet } from './field-set';
import { OwnershipContext } from './ownership';
import { compareValues, toFieldSet } from './typed-walk';

/** kubectl's client-side apply annotation. */
export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** Only kubectl's own server-side apply takes part in the client-side → server-side upgrade (upstream's rule). */
export const lastAppliedManager = 'kubectl';

function lastAppliedOf(live: KubeObject | undefined): Record<string, unknown> | undefined {
  const text = live?.metadata?.annotations?.[lastAppliedAnnotation];
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Conflicts kubectl may take over when upgrading from client-side apply (upstream's
 * lastAppliedManager): the fields of the last-applied annotation whose live values still match it.
 */
export function conflictsAllowedByLastApplied(live: KubeObject | undefined, context: OwnershipContext): FieldSet {
  const lastApplied = lastAppliedOf(live);
  if (!lastApplied) return new FieldSet();
  try {
    const fields = context.ownable(toFieldSet(lastApplied, context.node, context.navigator));
    const comparison = compareValues(lastApplied, live, context.node, context.navigator);
    return fields.difference(comparison.modified).difference(comparison.added).difference(comparison.removed);
  } catch {
    return new FieldSet();
  }
}

/** JSON with object keys sorted, as Go encodes maps, and the encoder's trailing newline. */
function canonicalJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (!isPlainObject(v)) return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  };
  return `${JSON.stringify(sortKeys(value))}\n`;
}

/**
 * After kubectl's server-side apply, an object that carries the last-applied annotation gets it
 * rewritten to the applied configuration (upstream's lastAppliedUpdater), so that a later
 * client-side apply diffs against what was really applied. Modifies `object`.
 */
export function syncLastApplied(object: KubeObject, applied: Record<string, unknown>): void {
  const annotations = object.metadata?.annotations;
  if (!annotations || !(lastAppliedAnnotation in annotations)) return;
  const config = JSON.parse(JSON.stringify(applied)) as KubeObject;
  if (config.metadata?.annotations) {
    delete config.metadata.annotations[lastAppliedAnnotation];
    if (Object.keys(config.metadata.annotations).length === 0) delete config.metadata.annotations;
  }
  object.metadata.annotations = { ...annotations, [lastAppliedAnnotation]: canonicalJson(config) };
}
