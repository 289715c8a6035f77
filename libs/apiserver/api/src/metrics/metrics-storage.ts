import { ResourceDefinition, qualifiedResource } from '@drydock/registry';
import type { GenericStore } from '../rest/generic-store';
import { NodeMetricsRest, PodMetricsRest } from './metrics.rest';

/**
 * The REST objects of the computed resources (metrics.k8s.io), attached to their definitions where the
 * API server builds its storage, as upstream's aggregator would proxy them to metrics-server.
 */
export function withMetricsStorage(definitions: ResourceDefinition[], deps: { generic: GenericStore; kubeletToken: string }): ResourceDefinition[] {
  const core = (resource: string) => definitions.find((def) => def.group === '' && def.resource === resource)!;
  const metricsDeps = { ...deps, nodes: core('nodes'), pods: core('pods') };
  const table: Record<string, NonNullable<ResourceDefinition['computed']>['rest']> = {
    'nodes.metrics.k8s.io': new NodeMetricsRest(metricsDeps),
    'pods.metrics.k8s.io': new PodMetricsRest(metricsDeps),
  };
  return definitions.map((def) => {
    const rest = def.computed ? table[qualifiedResource(def)] : undefined;
    return rest ? { ...def, computed: { rest } } : def;
  });
}
