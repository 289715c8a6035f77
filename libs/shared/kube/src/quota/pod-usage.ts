import { Quantity } from '../quantity/quantity';
import { podQosClass } from '../qos/pod-qos';
import { addResources, ResourceList, toResourceList } from './resource-list';

/** The pod fields quota reads (a pod as stored; every field may be missing). */
export interface QuotaPod {
  metadata?: { deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
  spec?: {
    containers?: QuotaContainer[];
    initContainers?: QuotaContainer[];
    overhead?: Record<string, unknown>;
    activeDeadlineSeconds?: number;
    priorityClassName?: string;
  };
  status?: { phase?: string };
}

export interface QuotaContainer {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

const one = () => new Quantity(1000000000n);

/** max per name, as resourcehelper's maxResourceList. */
function maxResources(a: ResourceList, b: ResourceList): ResourceList {
  const result: ResourceList = { ...a };
  for (const [name, value] of Object.entries(b)) if (!result[name] || value.cmp(result[name]) > 0) result[name] = value;
  return result;
}

/**
 * resourcehelper.PodRequests / PodLimits: the containers' sum (sidecar init containers included), at
 * least each regular init container's own value (plus the sidecars started before it), plus overhead
 * (LimitRanger's pod totals leave it out: ExcludeOverhead).
 */
export function podResources(pod: QuotaPod, field: 'requests' | 'limits', options: { excludeOverhead?: boolean } = {}): ResourceList {
  const of = (container: QuotaContainer) => toResourceList(container?.resources?.[field]);
  let sum: ResourceList = {};
  for (const container of pod.spec?.containers ?? []) sum = addResources(sum, of(container));
  let sidecars: ResourceList = {};
  let initMax: ResourceList = {};
  for (const container of pod.spec?.initContainers ?? []) {
    if (container?.restartPolicy === 'Always') {
      sidecars = addResources(sidecars, of(container));
      initMax = maxResources(initMax, sidecars);
    } else {
      initMax = maxResources(initMax, addResources(sidecars, of(container)));
    }
  }
  const total = maxResources(addResources(sum, sidecars), initMax);
  return pod.spec?.overhead && !options.excludeOverhead ? addResources(total, toResourceList(pod.spec.overhead)) : total;
}

/**
 * podComputeUsageHelper: `pods`, and for cpu, memory and ephemeral-storage the request under its bare
 * name and `requests.<name>`, the limit under `limits.<name>`; hugepages and extended resources as
 * `requests.<name>` (hugepages under their bare name too).
 */
export function podComputeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const result: ResourceList = { pods: one() };
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    if (requests[name]) result[name] = result[`requests.${name}`] = requests[name];
    if (limits[name]) result[`limits.${name}`] = limits[name];
  }
  for (const [name, value] of Object.entries(requests)) {
    if (name.startsWith('hugepages-')) result[name] = result[`requests.${name}`] = value;
    else if (name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('requests.')) result[`requests.${name}`] = value;
  }
  return result;
}

/**
 * QuotaV1Pod: terminal pods (Succeeded, Failed) and pods past their deletion grace period are not
 * charged compute resources (a lost node must not block scaling up).
 */
export function podCountsForQuota(pod: QuotaPod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata ?? {};
  if (deletionTimestamp && deletionGracePeriodSeconds !== undefined) {
    return now <= Date.parse(deletionTimestamp) + deletionGracePeriodSeconds * 1000;
  }
  return true;
}

/** PodUsageFunc: `count/pods` always; compute usage while the pod counts for quota. */
export function podUsage(pod: QuotaPod, now: number): ResourceList {
  const result: ResourceList = { 'count/pods': one() };
  if (!podCountsForQuota(pod, now)) return result;
  return addResources(result, podComputeUsage(podResources(pod, 'requests'), podResources(pod, 'limits')));
}

/** qos.GetPodQOS(pod) == BestEffort (the BestEffort and NotBestEffort quota scopes). */
export function isBestEffort(pod: QuotaPod): boolean {
  return podQosClass(pod.spec) === 'BestEffort';
}

/** isTerminating: an activeDeadlineSeconds of zero or more. */
export function isTerminating(pod: QuotaPod): boolean {
  const deadline = pod.spec?.activeDeadlineSeconds;
  return typeof deadline === 'number' && deadline >= 0;
}

const validationSet = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/**
 * podEvaluator.Constraints: when a quota covers cpu or memory, every container must set it
 * (`must specify limits.cpu for: c1; requests.cpu for: c1,c2`), or undefined when all do.
 */
export function podConstraintsError(pod: QuotaPod, required: readonly string[]): string | undefined {
  const requiredSet = required.filter((name) => validationSet.includes(name));
  const missing = new Map<string, Set<string>>();
  for (const container of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const usage = podComputeUsage(toResourceList(container?.resources?.requests), toResourceList(container?.resources?.limits));
    for (const name of requiredSet) {
      if (!usage[name]) missing.set(name, (missing.get(name) ?? new Set()).add(container?.name ?? ''));
    }
  }
  if (missing.size === 0) return undefined;
  const messages = [...missing.keys()].sort().map((name) => `${name} for: ${[...missing.get(name)!].sort().join(',')}`);
  return `must specify ${messages.join('; ')}`;
}
