import type { CycleContext, FilterPlugin } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import type { Rejection, Taint } from '../../framework/types';
import { tolerationsTolerateTaint } from '@drydock/kube';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const REJECTION: Rejection = { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_UNSCHEDULABLE], plugin: 'NodeUnschedulable' };

/** Rejects cordoned nodes (spec.unschedulable) unless the pod tolerates the unschedulable taint. */
export class NodeUnschedulablePlugin implements FilterPlugin {
  readonly name = 'NodeUnschedulable';

  filter(ctx: CycleContext, nodeInfo: NodeInfo): Rejection | null {
    if (!nodeInfo.node?.spec?.unschedulable) return null;
    return tolerationsTolerateTaint(ctx.pod.spec.tolerations, UNSCHEDULABLE_TAINT) ? null : REJECTION;
  }
}
