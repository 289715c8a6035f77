import { Informer, resources } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { aggregatedRules, ClusterRole, sameRules } from './aggregated-rules';

/**
 * pkg/controller/clusterroleaggregation: a ClusterRole with an aggregationRule carries the rules of
 * every ClusterRole its selectors pick, written by server-side apply as `clusterrole-aggregation-controller`.
 * Any ClusterRole change requeues every aggregated role, as upstream.
 */
export class ClusterRoleAggregationReconciler extends QueueReconciler {
  private readonly roles: Informer<ClusterRole>;

  constructor(ctx: ControllerContext) {
    super('ClusterRoleAggregator', ctx, 'clusterrole-aggregation-controller');
    this.roles = ctx.informers.informerFor<ClusterRole>(resources.clusterroles);
    const enqueueAggregated = () => this.roles.list().filter((role) => role.aggregationRule).forEach((role) => this.enqueue(role));
    this.roles.addEventHandler({ onAdd: enqueueAggregated, onUpdate: enqueueAggregated, onDelete: enqueueAggregated });
  }

  async sync(key: string): Promise<void> {
    const role = this.roles.get('', key);
    if (!role?.aggregationRule) return;
    const rules = aggregatedRules(role, this.roles.list());
    if (sameRules(rules, role.rules)) return;
    const apply = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: role.metadata.name }, rules };
    await this.ctx.client.patch(resources.clusterroles, '', role.metadata.name!, apply, 'apply', { fieldManager: 'clusterrole-aggregation-controller', force: true });
  }
}
