import { isDeepStrictEqual } from 'node:util';
import { FieldError, fieldErrors, KubeObject } from '@drydock/util';
import type { ResourceStrategy } from '../../resource.types';
import { defaultField, ensureRecord, record, text } from '../../support/object-fields';
import { keepAllButStatus, keepStatusForUpdate, resetStatusForCreate } from '../../support/status-subresource';
import { age, ageColumn, column, nameColumn } from '../../support/table-columns';
import { clusterNodePools, defaultClusterLimits, defaultClusterNodes, validateClusterSpec } from './cluster-spec-validation';

/** Held by every Cluster until the API server has removed the cluster's objects and change rows. */
export const clusterCleanupFinalizer = 'drydock.dev/cluster-cleanup';

/** `team/blue` or `user/alice`: who owns the cluster, as `kubectl get clusters` prints it. */
export function clusterOwner(cluster: KubeObject): string {
  const owner = record(cluster.spec).owner;
  const team = text(record(owner).team);
  return team ? `team/${team}` : `user/${text(record(owner).user)}`;
}

/** `2/3`: Ready nodes of the nodes the spec asks for. */
function nodesCell(cluster: KubeObject): string {
  const desired = clusterNodePools(cluster.spec).reduce((sum, pool) => sum + pool.count, 0);
  const ready = record(cluster.status).readyNodes;
  return `${typeof ready === 'number' ? ready : 0}/${desired}`;
}

function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/**
 * drydock.dev/v1 Cluster: a sandbox cluster served at `/clusters/<name>/` (cluster-scoped, in the default
 * cluster). The spec is the owner's; the status (phase, conditions, server URL, object counts) is written by
 * the API server's cluster loop through `/status`. The source snapshot of a clone cannot change.
 */
export const clusterStrategy: ResourceStrategy = {
  defaults(cluster) {
    const spec = ensureRecord(cluster as unknown as Record<string, unknown>, 'spec');
    if (spec.nodes === undefined && spec.nodePools === undefined) spec.nodes = defaultClusterNodes;
    defaultField(spec, 'clockScale', 1);
    const limits = ensureRecord(spec, 'limits');
    for (const [field, value] of Object.entries(defaultClusterLimits)) defaultField(limits, field, value);
  },
  prepareForCreate(cluster) {
    resetStatusForCreate(cluster, { phase: 'Pending' });
    // The API server removes the cluster's objects and change rows before the object may go.
    const finalizers = cluster.metadata.finalizers ?? [];
    if (!finalizers.includes(clusterCleanupFinalizer)) cluster.metadata.finalizers = [...finalizers, clusterCleanupFinalizer];
  },
  prepareForUpdate: (cluster, old) => keepStatusForUpdate(cluster, old),
  validate: (cluster) => validateClusterSpec(record(cluster.spec)),
  validateUpdate(cluster, old): FieldError[] {
    const source = record(cluster.spec).source;
    return isDeepStrictEqual(source, record(old.spec).source) ? [] : [fieldErrors.invalid('spec.source', source, 'field is immutable')];
  },
  prepareForStatusUpdate: (cluster, old) => keepAllButStatus(cluster, old),
  table: {
    columns: [
      nameColumn,
      column('Owner', 'string', 'The team or user the cluster belongs to.'),
      column('Nodes', 'string', 'Ready nodes of the nodes the spec asks for.'),
      column('Pods', 'integer', 'The pods in the cluster.'),
      column('Phase', 'string', 'Pending, Provisioning, Ready, Resetting, Restoring or Terminating.'),
      column('Server', 'string', 'The URL the cluster is served at.', 1),
      column('Objects', 'integer', 'The objects in the cluster.', 1),
      ageColumn,
    ],
    row: (cluster, ctx) => {
      const status = record(cluster.status);
      return [cluster.metadata.name ?? '', clusterOwner(cluster), nodesCell(cluster), count(status.pods), text(status.phase) || 'Pending', text(status.server) || '<none>', count(status.objects), age(cluster, ctx.now)];
    },
  },
};
