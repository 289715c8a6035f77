import type { KubeObject } from '@drydock/util';
import type { ResourceDefinition, ScaleSubresource } from '../../resource.types';
import { customResourceStrategy } from './custom-resource.strategy';
import { compareKubeAwareVersions } from './version-priority';
import { list, record, records, text } from '../../support/object-fields';

/** The OpenAPI model name upstream gives a custom resource: reversed group, version, kind (`com.example.v1.Widget`). */
export function customResourceModelName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}

/** `.spec.replicas` → `spec.replicas`. */
function dotted(path: unknown): string {
  return text(path).replace(/^\./, '');
}

function scaleOf(subresources: Record<string, unknown>): ScaleSubresource | undefined {
  if (subresources.scale == null) return undefined;
  const scale = record(subresources.scale);
  const result: ScaleSubresource = { specReplicasPath: dotted(scale.specReplicasPath), statusReplicasPath: dotted(scale.statusReplicasPath) };
  if (text(scale.labelSelectorPath)) result.labelSelectorPath = dotted(scale.labelSelectorPath);
  return result;
}

/**
 * One ResourceDefinition per served version of a CRD, from spec.names, scope and the version's
 * subresources, schema and columns; in discovery order (the preferred, highest-priority version first).
 */
export function customResourceDefinitionResources(crd: KubeObject): ResourceDefinition[] {
  const spec = record(crd.spec);
  const names = record(spec.names);
  const group = text(spec.group);
  const kind = text(names.kind);
  return records(spec.versions)
    .filter((version) => version.served === true)
    .sort((a, b) => compareKubeAwareVersions(text(a.name), text(b.name)))
    .map((version) => {
      const subresources = record(version.subresources);
      const definition: ResourceDefinition = {
        group,
        version: text(version.name),
        kind,
        resource: text(names.plural),
        singular: text(names.singular) || kind.toLowerCase(),
        namespaced: spec.scope === 'Namespaced',
        model: customResourceModelName(group, text(version.name), kind),
        strategy: customResourceStrategy(version),
      };
      if (list(names.shortNames).length) definition.shortNames = list(names.shortNames).map(text);
      if (list(names.categories).length) definition.categories = list(names.categories).map(text);
      const scale = scaleOf(subresources);
      if (subresources.status != null || scale) definition.subresources = { ...(subresources.status != null ? { status: true } : {}), ...(scale ? { scale } : {}) };
      // The version's schema, for OpenAPI publishing and strict decoding (@drydock/openapi resourceSchema reads `schema`).
      const schema = record(version.schema).openAPIV3Schema;
      return schema === undefined ? definition : Object.assign(definition, { schema });
    });
}
