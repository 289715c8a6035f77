import type { KubeObject } from '@drydock/util';
import { jsonEqual } from '../../meta/field-validation';

/**
 * PrepareForCreate of a kind with a status subresource: status is reset to the zero struct and
 * generation starts at 1. `zeroStatus` lists the status fields upstream serializes without omitempty.
 */
export function resetStatusForCreate(object: KubeObject, zeroStatus: Record<string, unknown> = {}): void {
  object.status = structuredClone(zeroStatus);
  object.metadata.generation = 1;
}

/**
 * PrepareForUpdate of a kind with a status subresource: the main resource cannot change status, and
 * generation increases only when the spec changed (or the annotations, when `annotationsBumpGeneration`,
 * as for Deployments whose annotations are copied to their ReplicaSets).
 */
export function keepStatusForUpdate(object: KubeObject, old: KubeObject, annotationsBumpGeneration = false): void {
  if (old.status === undefined) delete object.status;
  else object.status = structuredClone(old.status);
  const oldGeneration = old.metadata.generation ?? 0;
  const annotationsChanged = annotationsBumpGeneration && !jsonEqual(object.metadata.annotations, old.metadata.annotations);
  object.metadata.generation = !jsonEqual(object.spec, old.spec) || annotationsChanged ? oldGeneration + 1 : oldGeneration;
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

/** PrepareForCreate of a kind that tracks generation but has no status subresource. */
export function startGeneration(object: KubeObject): void {
  object.metadata.generation = 1;
}

/** PrepareForUpdate of a kind without status: generation increases when the spec changed. */
export function bumpGenerationOnSpecChange(object: KubeObject, old: KubeObject): void {
  const oldGeneration = old.metadata.generation ?? 0;
  object.metadata.generation = jsonEqual(object.spec, old.spec) ? oldGeneration : oldGeneration + 1;
}
