import type { ResourceDefinition } from '../resource.types';

/**
 * The field labels a kind accepts in `fieldSelector` (upstream's AddFieldLabelConversionFunc), read
 * from its strategy's selectableFields plus metadata.name (and metadata.namespace for namespaced kinds).
 * undefined means upstream's DefaultMetaV1FieldSelectorConversion: only metadata.name and
 * metadata.namespace, with its own error message. Pass the result to parseFieldSelector.
 */
export function supportedFieldLabels(definition: ResourceDefinition): string[] | undefined {
  const fields = definition.strategy.selectableFields?.({ metadata: {}, spec: {}, status: {} });
  if (!fields) return undefined;
  const meta = definition.namespaced ? ['metadata.name', 'metadata.namespace'] : ['metadata.name'];
  return [...new Set([...meta, ...Object.keys(fields)])];
}
