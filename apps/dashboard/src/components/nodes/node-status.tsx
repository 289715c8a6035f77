import { nodeState, type NodeSummary } from '@/components/overview/cluster-model';
import { StatusBadge } from '@/components/ui/status-badge';

/** A node's STATUS with the simulator's power state, the same words everywhere. */
export function NodeStatus({ node }: { node: NodeSummary }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid="node-status" data-state={nodeState(node)}>
      <StatusBadge status={node.status} />
      {node.poweredOff && <StatusBadge status="Powered off" tone="neutral" />}
    </span>
  );
}
