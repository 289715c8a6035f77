import type { Container, ContainerStateTerminated, ContainerStatus, PodCondition, PodSpec, PodStatus } from 'kubernetes-types/core/v1';

/**
 * kubectl's STATUS, READY and RESTARTS columns of a pod (printPod in
 * k8s.io/kubernetes/pkg/printers/internalversion). The REST Table printer and GraphQL both read these.
 */
export interface PodStatusSummary {
  /** STATUS: the phase, overridden by the pod's reason, an unfinished init container, then the containers. */
  reason: string;
  /** READY: ready running containers (and started ready sidecars) over `total`. */
  ready: number;
  total: number;
  /** RESTARTS, and the last time a container terminated before its restart (ms since the epoch, 0 when none). */
  restarts: number;
  lastRestart: number;
}

/** What printPod reads of a pod; any JSON pod will do. */
export interface PrintablePod {
  metadata?: { deletionTimestamp?: string | null; [key: string]: unknown };
  spec?: unknown;
  status?: unknown;
}

interface Walk {
  reason: string;
  restarts: number;
  ready: number;
  lastRestart: number;
}

const isRestartable = (container: Container | undefined) => container?.restartPolicy === 'Always';
const conditionTrue = (conditions: PodCondition[] | undefined, type: string) => conditions?.find((c) => c.type === type)?.status === 'True';

function laterRestart(current: number, container: ContainerStatus): number {
  const finished = Date.parse(container.lastState?.terminated?.finishedAt ?? '');
  return Number.isNaN(finished) ? current : Math.max(current, finished);
}

function terminatedReason(terminated: ContainerStateTerminated, prefix: string): string {
  if (terminated.reason) return `${prefix}${terminated.reason}`;
  return terminated.signal ? `${prefix}Signal:${terminated.signal}` : `${prefix}ExitCode:${terminated.exitCode ?? 0}`;
}

/** The init-container walk of printPod; returns whether the pod is still initializing. */
function walkInitContainers(spec: PodSpec, status: PodStatus, walk: Walk, restartable: Walk): boolean {
  const specs = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  for (const [i, container] of (status.initContainerStatuses ?? []).entries()) {
    walk.restarts += container.restartCount ?? 0;
    walk.lastRestart = laterRestart(walk.lastRestart, container);
    const sidecar = isRestartable(specs.get(container.name));
    if (sidecar) {
      restartable.restarts += container.restartCount ?? 0;
      restartable.lastRestart = laterRestart(restartable.lastRestart, container);
    }
    const terminated = container.state?.terminated;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && container.started === true) {
      if (container.ready === true) walk.ready++;
      continue;
    }
    const waiting = container.state?.waiting;
    if (terminated) walk.reason = terminatedReason(terminated, 'Init:');
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') walk.reason = `Init:${waiting.reason}`;
    else walk.reason = `Init:${i}/${specs.size}`;
    return true;
  }
  return false;
}

/** The regular-container walk of printPod (last container first, as upstream). */
function walkContainers(status: PodStatus, walk: Walk): void {
  const statuses = status.containerStatuses ?? [];
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const container = statuses[i];
    walk.restarts += container.restartCount ?? 0;
    walk.lastRestart = laterRestart(walk.lastRestart, container);
    const state = container.state ?? {};
    if (state.waiting?.reason) walk.reason = state.waiting.reason;
    else if (state.terminated) walk.reason = terminatedReason(state.terminated, '');
    else if (container.ready === true && state.running) {
      hasRunning = true;
      walk.ready++;
    }
  }
  if (walk.reason === 'Completed' && hasRunning) walk.reason = conditionTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
}

/** printPod's STATUS, READY and RESTARTS of a pod as JSON. Pure. */
export function podStatusSummary(pod: PrintablePod): PodStatusSummary {
  const spec = (pod.spec ?? {}) as PodSpec;
  const status = (pod.status ?? {}) as PodStatus;
  const phase = status.phase ?? '';
  const walk: Walk = { reason: status.reason || phase, restarts: 0, ready: 0, lastRestart: 0 };
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) walk.reason = 'SchedulingGated';
  const total = (spec.containers ?? []).length + (spec.initContainers ?? []).filter(isRestartable).length;
  const restartable: Walk = { reason: '', restarts: 0, ready: 0, lastRestart: 0 };
  const initializing = walkInitContainers(spec, status, walk, restartable);
  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    walk.restarts = restartable.restarts;
    walk.lastRestart = restartable.lastRestart;
    walkContainers(status, walk);
  }
  const deleted = !!pod.metadata?.deletionTimestamp;
  if (deleted && status.reason === 'NodeLost') walk.reason = 'Unknown';
  else if (deleted && phase !== 'Succeeded' && phase !== 'Failed') walk.reason = 'Terminating';
  return { ...walk, total };
}

/** The STATUS column alone. */
export function podStatusReason(pod: PrintablePod): string {
  return podStatusSummary(pod).reason;
}
