import type { KubeObject } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';
import { supportedFieldLabels } from '@drydock/registry';
import { LabelSelector, FieldSelector, parseLabelSelector, parseFieldSelector, matchesLabels, matchesFields } from './registry-helpers';

/** A list or watch's label and field selectors, parsed once per request. */
export interface Selection {
  matches(object: KubeObject): boolean;
  /** `metadata.name=x` — lets a single-object watch or list skip the scan. */
  exactName?: string;
}

function objectFields(def: ResourceDefinition, object: KubeObject): Record<string, string> {
  const fields: Record<string, string> = { 'metadata.name': object.metadata.name ?? '' };
  if (def.namespaced) fields['metadata.namespace'] = object.metadata.namespace ?? '';
  return { ...fields, ...(def.strategy.selectableFields?.(object) ?? {}) };
}

export function parseSelection(def: ResourceDefinition, query: URLSearchParams): Selection {
  const labels: LabelSelector | undefined = query.get('labelSelector') ? parseLabelSelector(query.get('labelSelector')!) : undefined;
  const fields: FieldSelector | undefined = query.get('fieldSelector') ? parseFieldSelector(query.get('fieldSelector')!, supportedFieldLabels(def)) : undefined;
  const exact = fields?.find((r) => r.field === 'metadata.name' && r.operator !== '!=');
  return {
    exactName: exact?.value,
    matches: (object) => (!labels || matchesLabels(labels, object.metadata.labels ?? {})) && (!fields || matchesFields(fields, objectFields(def, object))),
  };
}
