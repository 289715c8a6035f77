import { podStatusSummary, type PodStatusSummary } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { arr, Json, num, obj, spec, status, str } from './kube-fields';
import { addResources, ResourceAmounts, resourcesFrom, zeroResources } from './resource-amounts';

/** kubectl's STATUS, READY and RESTARTS of a pod (the toolkit's printPod), remembered per unchanged pod. */
const statusSummary = (pod: KubeObject): PodStatusSummary => remembered(statusSummaries, pod, podStatusSummary);

/** kubectl's STATUS column for a pod. */
export function podStatusColumn(pod: KubeObject): string {
  return statusSummary(pod).reason;
}

/**
 * Per-object memos of the derived fields lists ask for on every pod. Objects are never mutated and the
 * copies a request makes of a pod (CallerKube.list, the loader's cuts) share its metadata, spec and
 * status: the memo is keyed by those three, so the fields several resolvers read are computed once.
 */
interface Memo<T> {
  spec: unknown;
  status: unknown;
  value: T;
}
const statusSummaries = new WeakMap<object, Memo<PodStatusSummary>>();
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

/** kubectl's READY column: ready containers (and started sidecars) over containers (and sidecars). */
export function podReadyColumn(pod: KubeObject): string {
  const { ready, total } = statusSummary(pod);
  return `${ready}/${total}`;
}

/** kubectl's RESTARTS count. */
export function podRestarts(pod: KubeObject): number {
  return statusSummary(pod).restarts;
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
