import type { CycleContext, FilterPlugin } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import type { Rejection } from '../../framework/types';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";
const REJECTION: Rejection = { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_NODE_NAME], plugin: 'NodeName' };

/** A pod that names its node (spec.nodeName) fits only that node. */
export class NodeNamePlugin implements FilterPlugin {
  readonly name = 'NodeName';

  filter(ctx: CycleContext, nodeInfo: NodeInfo): Rejection | null {
    const wanted = ctx.pod.spec.nodeName;
    return !wanted || wanted === nodeInfo.name ? null : REJECTION;
  }
}
