import type { KubeObject } from '@drydock/util';
import { ResourceDefinition, apiVersionOf } from '@drydock/registry';
import { SchemaNavigator, crdSchemaNavigator, openApiNavigator, recordUpdate } from '@drydock/patch';

/** The schema server-side apply and managedFields follow: the built-in model, or a CRD version's schema. */
export function schemaOf(def: ResourceDefinition): { modelName?: string; navigator?: SchemaNavigator } {
  const schema = def.schema;
  if (def.model || !schema) return { modelName: def.model, navigator: def.model ? openApiNavigator : undefined };
  const crd = crdSchemaNavigator(schema as Parameters<typeof crdSchemaNavigator>[0], { base: openApiNavigator });
  return { modelName: crd.modelName, navigator: crd.navigator };
}

/**
 * Upstream's ResetFields: through the main resource of a kind with a status subresource nobody owns
 * `status`; through `/status` nobody owns anything but status.
 */
export function resetFieldsOf(def: ResourceDefinition, subresource?: string): string[] | undefined {
  if (!def.subresources?.status) return undefined;
  if (subresource === 'status') return ['spec', 'metadata'];
  return subresource ? undefined : ['status'];
}

/**
 * Keeps metadata.managedFields for ordinary writes (operation Update), as upstream's field manager:
 * the writing manager owns what it changed. Mutates `object`.
 */
export function recordManagedFields(def: ResourceDefinition, old: KubeObject | null, object: KubeObject, manager: string, operation: 'Update', subresource?: string): void {
  const managedFields = recordUpdate({ old, updated: object, manager, now: new Date(), apiVersion: apiVersionOf(def), subresource, operation, resetFields: resetFieldsOf(def, subresource), ...schemaOf(def) });
  if (managedFields.length) object.metadata.managedFields = managedFields;
  else delete object.metadata.managedFields;
}
