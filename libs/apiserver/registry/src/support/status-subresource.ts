import type { KubeObject } from '@drydock/util';
import { jsonEqual } from '../meta/field-validation';
import { bumpGenerationIf, startGeneration } from './generation';

/**
 * A create never writes status: it is reset to the zero struct. `zeroStatus` lists the status fields
 * upstream serializes without omitempty.
 */
export function resetStatus(object: KubeObject, zeroStatus: Record<string, unknown> = {}): void {
  object.status = structuredClone(zeroStatus);
}

/** PrepareForCreate of a kind with a status subresource that tracks generation: status reset, generation 1. */
export function resetStatusForCreate(object: KubeObject, zeroStatus: Record<string, unknown> = {}): void {
  resetStatus(object, zeroStatus);
  startGeneration(object);
}

/** A main-resource update never writes status: the stored one is kept (absent stays absent). */
export function keepOldStatus(object: KubeObject, old: KubeObject): void {
  if (old.status === undefined) delete object.status;
  else object.status = structuredClone(old.status);
}

/**
 * PrepareForUpdate of a kind with a status subresource that tracks generation: the old status is kept
 * and generation increases only when the spec changed (or the annotations, when
 * `annotationsBumpGeneration`, as for Deployments whose annotations are copied to their ReplicaSets).
 */
export function keepStatusForUpdate(object: KubeObject, old: KubeObject, annotationsBumpGeneration = false): void {
  keepOldStatus(object, old);
  const annotationsChanged = annotationsBumpGeneration && !jsonEqual(object.metadata.annotations, old.metadata.annotations);
  bumpGenerationIf(object, old, !jsonEqual(object.spec, old.spec) || annotationsChanged);
}

/**
 * PrepareForUpdate of the `/status` subresource: everything but status and metadata comes from the
 * old object; labels too when `keepLabels` (upstream's status strategies reset metadata.labels).
 */
export function keepAllButStatus(object: KubeObject, old: KubeObject, keepLabels = true): void {
  const keep = new Set(['apiVersion', 'kind', 'metadata', 'status']);
  for (const key of Object.keys(object)) if (!keep.has(key)) delete object[key];
  for (const [key, value] of Object.entries(old)) if (!keep.has(key)) object[key] = structuredClone(value);
  if (!keepLabels) return;
  if (old.metadata.labels === undefined) delete object.metadata.labels;
  else object.metadata.labels = { ...old.metadata.labels };
}
