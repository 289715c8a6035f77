import type { KubeObject } from '@drydock/util';
import { arr, Json, num, obj, spec, status, str } from './kube-fields';
import { addResources, ResourceAmounts, resourcesFrom, zeroResources } from './resource-amounts';

/**
 * kubectl's STATUS column for a pod (printPod in k8s.io/kubernetes/pkg/printers/internalversion):
 * the phase, overridden by the pod's reason, the first unfinished init container, then the last
 * container that waits or terminated; Terminating once deleted while not terminal.
 */
export function podStatusColumn(pod: KubeObject): string {
  return remembered(statusColumns, pod, computeStatusColumn);
}

/**
 * Per-object memos of the derived fields lists ask for on every pod. Objects are never mutated and an
 * unchanged pod is the same parsed object from list to list (KubeApiClient.list), its copies sharing
 * metadata, spec and status: the memo is keyed by those three, so a 10,000-pod list after a few changes
 * computes the changed pods only.
 */
interface Memo<T> {
  spec: unknown;
  status: unknown;
  value: T;
}
const statusColumns = new WeakMap<object, Memo<string>>();
const requestsOf = new WeakMap<object, Memo<ResourceAmounts>>();
const limitsOf = new WeakMap<object, Memo<ResourceAmounts>>();

function remembered<T>(memo: WeakMap<object, Memo<T>>, pod: KubeObject, compute: (pod: KubeObject) => T): T {
  const key = pod.metadata as object | undefined;
  if (!key || typeof key !== 'object') return compute(pod);
  const hit = memo.get(key);
  if (hit && hit.spec === pod.spec && hit.status === pod.status) return hit.value;
  const value = compute(pod);
  memo.set(key, { spec: pod.spec, status: pod.status, value });
  return value;
}

function computeStatusColumn(pod: KubeObject): string {
  const podStatus = status(pod);
  const phase = str(podStatus.phase) ?? 'Pending';
  let reason = str(podStatus.reason) || phase;
  for (const c of arr(podStatus.conditions)) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  const initSpecs = new Map(arr(spec(pod).initContainers).map((c) => [str(c.name), c]));
  const initStatuses = arr(podStatus.initContainerStatuses);
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    const state = obj(container.state);
    const terminated = state.terminated ? obj(state.terminated) : undefined;
    const waiting = state.waiting ? obj(state.waiting) : undefined;
    if (terminated && num(terminated.exitCode) === 0) continue;
    if (obj(initSpecs.get(str(container.name))).restartPolicy === 'Always' && container.started === true) continue;
    if (terminated) {
      const exitReason = str(terminated.reason);
      reason = exitReason ? `Init:${exitReason}` : num(terminated.signal) !== 0 ? `Init:Signal:${num(terminated.signal)}` : `Init:ExitCode:${num(terminated.exitCode)}`;
    } else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${arr(spec(pod).initContainers).length}`;
    }
    initializing = true;
    break;
  }
  const initialized = arr(podStatus.conditions).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    let hasRunning = false;
    const statuses = arr(podStatus.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const state = obj(statuses[i].state);
      const waiting = state.waiting ? obj(state.waiting) : undefined;
      const terminated = state.terminated ? obj(state.terminated) : undefined;
      if (waiting && str(waiting.reason)) reason = str(waiting.reason)!;
      else if (terminated && str(terminated.reason)) reason = str(terminated.reason)!;
      else if (terminated) reason = num(terminated.signal) !== 0 ? `Signal:${num(terminated.signal)}` : `ExitCode:${num(terminated.exitCode)}`;
      else if (statuses[i].ready === true && state.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = arr(podStatus.conditions).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp && podStatus.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  return reason;
}

/** kubectl's READY column: ready containers (and started sidecars) over containers (and sidecars). */
export function podReadyColumn(pod: KubeObject): string {
  const sidecars = new Set(arr(spec(pod).initContainers).filter((c) => c.restartPolicy === 'Always').map((c) => str(c.name)));
  const total = arr(spec(pod).containers).length + sidecars.size;
  const ready = arr(status(pod).containerStatuses).filter((c) => c.ready === true).length + arr(status(pod).initContainerStatuses).filter((c) => sidecars.has(str(c.name)) && c.ready === true).length;
  return `${ready}/${total}`;
}

export function podRestarts(pod: KubeObject): number {
  const all = [...arr(status(pod).containerStatuses), ...arr(status(pod).initContainerStatuses)];
  return all.reduce((sum, c) => sum + num(c.restartCount), 0);
}

const FAILING_REASONS = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName', 'Error', 'OOMKilled', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'ContainerCannotRun', 'DeadlineExceeded', 'Evicted', 'OutOfcpu', 'OutOfmemory', 'OutOfpods']);

/** A pod a user should look at: failed, or a container in a failing state (the dashboard's red tiles). */
export function isPodFailing(pod: KubeObject, column = podStatusColumn(pod)): boolean {
  if (status(pod).phase === 'Failed') return true;
  const reason = column.startsWith('Init:') ? column.slice(5) : column;
  return FAILING_REASONS.has(reason) || reason.startsWith('ExitCode:') || reason.startsWith('Signal:');
}

export const isPodTerminal = (pod: KubeObject): boolean => status(pod).phase === 'Succeeded' || status(pod).phase === 'Failed';

/** The pod's effective requests or limits as the scheduler counts them: max(sum of containers, any init container) + overhead. A fresh object each call. */
export function podResources(pod: KubeObject, which: 'requests' | 'limits'): ResourceAmounts {
  return { ...remembered(which === 'requests' ? requestsOf : limitsOf, pod, which === 'requests' ? computeRequests : computeLimits) };
}

const computeRequests = (pod: KubeObject) => computeResources(pod, 'requests');
const computeLimits = (pod: KubeObject) => computeResources(pod, 'limits');

function computeResources(pod: KubeObject, which: 'requests' | 'limits'): ResourceAmounts {
  const sum = zeroResources();
  for (const c of arr(spec(pod).containers)) addResources(sum, resourcesFrom(obj(obj(c.resources)[which])));
  for (const c of arr(spec(pod).initContainers)) {
    const init = resourcesFrom(obj(obj(c.resources)[which]));
    if (c.restartPolicy === 'Always') addResources(sum, init);
    else {
      sum.cpu = Math.max(sum.cpu, init.cpu);
      sum.memory = Math.max(sum.memory, init.memory);
    }
  }
  addResources(sum, resourcesFrom(obj(spec(pod).overhead)));
  sum.pods = 1;
  return sum;
}

export interface ContainerView {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  state: string;
  reason?: string;
  message?: string;
  startedAt?: string;
  exitCode?: number;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
}

export function podContainers(pod: KubeObject): ContainerView[] {
  const statuses = new Map(arr(status(pod).containerStatuses).map((c) => [str(c.name), c]));
  return arr(spec(pod).containers).map((container) => {
    const s = statuses.get(str(container.name)) ?? {};
    const state = obj(s.state);
    const [stateName, detail] = state.running ? ['running', obj(state.running)] : state.terminated ? ['terminated', obj(state.terminated)] : ['waiting', obj(state.waiting)];
    const resources = obj(container.resources);
    return {
      name: str(container.name) ?? '',
      image: str(container.image) ?? '',
      ready: s.ready === true,
      restartCount: num(s.restartCount),
      state: stateName,
      reason: str((detail as Json).reason) ?? (stateName === 'waiting' && !s.state ? 'Pending' : undefined),
      message: str((detail as Json).message),
      startedAt: str((detail as Json).startedAt),
      exitCode: stateName === 'terminated' ? num((detail as Json).exitCode) : undefined,
      requests: { ...resourcesFrom(obj(resources.requests)), pods: 0 },
      limits: { ...resourcesFrom(obj(resources.limits)), pods: 0 },
    };
  });
}
