import { parseQuantity, Quantity, quantityError } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import type { ResourceDefinition, ResourceStrategy, TableColumn } from '../resource.types';
import { record, text } from '../support/object-fields';
import { nameColumn } from '../support/table-columns';

/**
 * metrics.k8s.io/v1beta1 NodeMetrics and PodMetrics, as metrics-server registers them (an aggregated
 * API upstream): never stored, only get and list, answered from the simulated kubelets' Summary API
 * by the API server (see the api library's metrics storage).
 */

const quantityColumn = (name: string): TableColumn => ({ name, type: 'string', format: 'quantity', description: '', priority: 0 });

/** metrics-server's addNodeMetricsToTable / addPodMetricsToTable: Name, each resource of the usage, Window. */
const metricsColumns: TableColumn[] = [{ ...nameColumn, description: 'Name of the resource' }, quantityColumn('cpu'), quantityColumn('memory'), { name: 'Window', type: 'string', format: 'duration', description: '', priority: 0 }];

/** A pod's usage is the sum of its containers' (as metrics-server's table sums them). */
function podUsage(object: KubeObject): Record<string, unknown> {
  const containers = Array.isArray(object.containers) ? (object.containers as Array<{ usage?: Record<string, string> }>) : [];
  return { cpu: sum(containers, 'cpu'), memory: sum(containers, 'memory') };
}

function sum(containers: Array<{ usage?: Record<string, string> }>, name: string): string {
  const values = containers.map((c) => c.usage?.[name]).filter((value) => value !== undefined && !quantityError(value));
  return values.reduce((total: Quantity, value) => total.add(parseQuantity(value)), new Quantity(0n)).toString();
}

function metricsStrategy(usage: (object: KubeObject) => Record<string, unknown>): ResourceStrategy {
  return {
    validate: () => [],
    table: { columns: metricsColumns, row: (object) => [object.metadata.name, text(usage(object).cpu), text(usage(object).memory), text(object.window)] },
  };
}

const metricsResource = (kind: string, resource: string, singular: string, namespaced: boolean, usage: (object: KubeObject) => Record<string, unknown>): ResourceDefinition => ({
  group: 'metrics.k8s.io',
  version: 'v1beta1',
  kind,
  resource,
  singular,
  namespaced,
  verbs: ['get', 'list'],
  computed: {},
  strategy: metricsStrategy(usage),
});

export const nodeMetricsResource = metricsResource('NodeMetrics', 'nodes', 'node', false, (object) => record(object.usage));
export const podMetricsResource = metricsResource('PodMetrics', 'pods', 'pod', true, podUsage);
