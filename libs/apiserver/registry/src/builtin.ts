import { coreResources } from './core';
import { groupResources } from './groups';
import { reviewResources } from './reviews/review.resources';
import type { ResourceDefinition } from './resource.types';

/** Every built-in resource, core/v1 first then the groups in upstream's discovery order. */
export function builtinResources(): ResourceDefinition[] {
  return [...coreResources, ...groupResources, ...reviewResources];
}
