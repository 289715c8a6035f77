import type { KubeObject } from '@drydock/util';
import { ResourceDefinition, apiVersionOf } from '@drydock/registry';
import { recordUpdate } from '@drydock/patch';

/**
 * Keeps metadata.managedFields for ordinary writes (operation Update), as upstream's field manager:
 * the writing manager owns what it changed. Mutates `object`.
 */
export function recordManagedFields(def: ResourceDefinition, old: KubeObject | null, object: KubeObject, manager: string, operation: 'Update', subresource?: string): void {
  if (!def.model) return;
  const managedFields = recordUpdate({ old, updated: object, manager, now: new Date(), apiVersion: apiVersionOf(def), subresource, operation });
  if (managedFields && managedFields.length) object.metadata.managedFields = managedFields;
}
