import type { FieldPatchMeta } from './patch-strategies.table';

/**
 * The type information patching needs, as served by @drydock/openapi's navigator. Patch code depends
 * only on this interface so that tests can pass a tiny fake and CRDs (no schema) can pass nothing.
 */
export type FieldSchema =
  | { kind: 'object'; model: string }
  | { kind: 'array'; items: FieldSchema }
  | { kind: 'map'; values: FieldSchema }
  | { kind: 'primitive'; type: string; format?: string }
  /** Free-form JSON with no schema below it (RawExtension, FieldsV1). */
  | { kind: 'any' };

export interface SchemaNavigator {
  /** The schema of `fieldName` inside model `modelName` (upstream name, e.g. `io.k8s.api.core.v1.PodSpec`); undefined if unknown. */
  fieldSchema(modelName: string, fieldName: string): FieldSchema | undefined;
  /**
   * The merge tags of a field when the schema carries them (CRD schemas' `x-kubernetes-list-type`…).
   * Without it, or when it answers undefined, the built-in table (patch-strategies.table) is used.
   */
  fieldPatchMeta?(modelName: string, fieldName: string): FieldPatchMeta | undefined;
}

/** A navigator that knows nothing: every value is treated as untyped JSON. */
export const untypedNavigator: SchemaNavigator = { fieldSchema: () => undefined };
