import type { KubeObject } from '@drydock/util';
import { jsonEqual } from '../meta/field-validation';

/**
 * metadata.generation for the kinds that track it, as upstream's strategies: 1 on create, and on update
 * the old generation plus one when the desired state changed. The generic store has already copied the
 * stored generation onto the update (rest.BeforeUpdate: requests cannot set it), so "unchanged" keeps it.
 */
export function startGeneration(object: KubeObject): void {
  object.metadata.generation = 1;
}

/** `old.Generation + 1` when `changed` (a missing generation counts as 0, Go's zero value), else the old one. */
export function bumpGenerationIf(object: KubeObject, old: KubeObject, changed: boolean): void {
  const oldGeneration = old.metadata.generation;
  if (changed) object.metadata.generation = (oldGeneration ?? 0) + 1;
  else if (oldGeneration === undefined) delete object.metadata.generation;
  else object.metadata.generation = oldGeneration;
}

/** Bumps the generation when `field` (spec; `template` for PodTemplate) changed. */
export function bumpGeneration(object: KubeObject, old: KubeObject, field = 'spec'): void {
  bumpGenerationIf(object, old, !jsonEqual(object[field], old[field]));
}
