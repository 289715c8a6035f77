import { setStatusCondition } from '@drydock/kube';

/** What the API server follows of one sandbox cluster for its status. */
export interface ClusterObservation {
  bootstrapped: boolean;
  /** Node name → Ready. */
  nodes: Map<string, boolean>;
  /** `namespace/name` of every pod. */
  pods: Set<string>;
  /** A clone's start from its snapshot (spec.source.snapshot): done, or why not. */
  cloned?: { ok: boolean; message: string };
}

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/**
 * A Cluster's status from what was observed: Pending until its bootstrap objects exist, Provisioning until
 * every node the spec asks for is Ready, then Ready (the contract: `status.phase` is Ready once the cluster's
 * nodes are Ready). A lifecycle action in progress (Resetting, Restoring, Terminating) is the phase while it runs.
 */
export function clusterStatus(
  current: unknown,
  observed: ClusterObservation,
  context: { desiredNodes: number; server: string; generation?: number; now: Date; busy?: string; objects: number; limits: { objects: number; nodes: number; pods: number } },
): Record<string, unknown> {
  const previous = (current ?? {}) as { phase?: string; conditions?: Condition[] };
  const readyNodes = readyCount(observed);
  const ready = observed.bootstrapped && readyNodes >= context.desiredNodes;
  const phase = context.busy ?? clusterPhase(observed, context.desiredNodes);
  const readyCondition: Condition = ready
    ? { type: 'Ready', status: 'True', reason: 'NodesReady', message: `${readyNodes} of ${context.desiredNodes} nodes are Ready` }
    : { type: 'Ready', status: 'False', reason: observed.bootstrapped ? 'NodesNotReady' : 'Bootstrapping', message: `${readyNodes} of ${context.desiredNodes} nodes are Ready` };
  let conditions = setStatusCondition(previous.conditions, { type: 'Bootstrapped', status: observed.bootstrapped ? 'True' : 'False', reason: observed.bootstrapped ? 'BootstrapObjectsCreated' : 'Bootstrapping', message: observed.bootstrapped ? 'namespaces and bootstrap RBAC exist' : 'creating namespaces and bootstrap RBAC' }, context.now);
  conditions = setStatusCondition(conditions, readyCondition, context.now);
  conditions = setStatusCondition(conditions, limitsCondition({ objects: context.objects, nodes: observed.nodes.size, pods: observed.pods.size }, context.limits), context.now);
  if (observed.cloned) {
    const { ok, message } = observed.cloned;
    conditions = setStatusCondition(conditions, { type: 'Cloned', status: ok ? 'True' : 'False', reason: ok ? 'SnapshotRestored' : 'SnapshotUnavailable', message }, context.now);
  }
  return {
    ...(previous as Record<string, unknown>),
    phase,
    conditions,
    server: context.server,
    nodes: observed.nodes.size,
    readyNodes,
    pods: observed.pods.size,
    objects: context.objects,
    ...(context.generation !== undefined ? { observedGeneration: context.generation } : {}),
  };
}

/** The phase of a cluster no lifecycle action holds: Pending until bootstrapped, Provisioning until its nodes are Ready, then Ready. */
export function clusterPhase(observed: ClusterObservation, desiredNodes: number): 'Pending' | 'Provisioning' | 'Ready' {
  if (!observed.bootstrapped) return 'Pending';
  return readyCount(observed) >= desiredNodes ? 'Ready' : 'Provisioning';
}

function readyCount(observed: ClusterObservation): number {
  let ready = 0;
  for (const isReady of observed.nodes.values()) if (isReady) ready++;
  return ready;
}

/** `LimitsReached`: True while the cluster holds as much as one of its limits allows (the next create is refused). */
function limitsCondition(used: Record<'objects' | 'nodes' | 'pods', number>, limits: Record<'objects' | 'nodes' | 'pods', number>): Condition {
  const reached = (['nodes', 'objects', 'pods'] as const).filter((name) => used[name] >= limits[name]);
  return reached.length
    ? { type: 'LimitsReached', status: 'True', reason: 'LimitReached', message: reached.map((name) => `${name}: ${used[name]} of ${limits[name]}`).join(', ') }
    : { type: 'LimitsReached', status: 'False', reason: 'WithinLimits', message: 'every count is below its limit' };
}
