import { podResources, Quantity, QuotaContainer, QuotaPod, ResourceList, toResourceList } from '@drydock/kube';

/** One item of a LimitRange's spec.limits (serialized quantities). */
export interface LimitRangeItem {
  type?: string;
  max?: Record<string, unknown>;
  min?: Record<string, unknown>;
  default?: Record<string, unknown>;
  defaultRequest?: Record<string, unknown>;
  maxLimitRequestRatio?: Record<string, unknown>;
}

export interface LimitRangeObject {
  spec?: { limits?: LimitRangeItem[] };
}

const limitRangerAnnotation = 'kubernetes.io/limit-ranger';
/** resource.MaxMilliValue: beyond it, upstream compares whole units. */
const maxMilliValue = Number((2n ** 63n - 1n) / 1000n);

/** defaultContainerResourceRequirements: the Container items' default (limits) and defaultRequest (requests). */
function containerDefaults(limitRange: LimitRangeObject): { requests: Record<string, unknown>; limits: Record<string, unknown> } {
  const defaults = { requests: {} as Record<string, unknown>, limits: {} as Record<string, unknown> };
  for (const item of limitRange.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(defaults.requests, item.defaultRequest ?? {});
    Object.assign(defaults.limits, item.default ?? {});
  }
  return defaults;
}

/** mergeContainerResources: fills what the container leaves out; returns the annotation's phrases. */
function mergeContainer(container: QuotaContainer, defaults: ReturnType<typeof containerDefaults>, prefix: string): string[] {
  const resources = (container.resources ??= {});
  const limits = (resources.limits ??= {});
  const requests = (resources.requests ??= {});
  const setLimits = Object.keys(defaults.limits).filter((name) => !(name in limits)).sort();
  const setRequests = Object.keys(defaults.requests).filter((name) => !(name in requests)).sort();
  for (const name of setLimits) limits[name] = defaults.limits[name];
  for (const name of setRequests) requests[name] = defaults.requests[name];
  return [
    ...(setRequests.length ? [`${setRequests.join(', ')} request for ${prefix} ${container.name}`] : []),
    ...(setLimits.length ? [`${setLimits.join(', ')} limit for ${prefix} ${container.name}`] : []),
  ];
}

/** PodMutateLimitFunc: the LimitRange's container defaults, recorded in the kubernetes.io/limit-ranger annotation. */
export function applyLimitRangeDefaults(limitRange: LimitRangeObject, pod: QuotaPod & { metadata?: { annotations?: Record<string, string> } }): void {
  const defaults = containerDefaults(limitRange);
  const phrases = [
    ...(pod.spec?.containers ?? []).flatMap((container) => mergeContainer(container, defaults, 'container')),
    ...(pod.spec?.initContainers ?? []).flatMap((container) => mergeContainer(container, defaults, 'init container')),
  ];
  if (!phrases.length) return;
  pod.metadata ??= {};
  pod.metadata.annotations = { ...pod.metadata.annotations, [limitRangerAnnotation]: `LimitRanger plugin set: ${phrases.join('; ')}` };
}

/** requestLimitEnforcedValues: milli-units when all fit, else whole units. */
function comparable(...quantities: (Quantity | undefined)[]): number[] {
  const zero = new Quantity(0n);
  const values = quantities.map((q) => (q ?? zero).value());
  return values.every((value) => value <= maxMilliValue) ? quantities.map((q) => (q ?? zero).milliValue()) : values;
}

type Check = (type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList) => string | undefined;

const minConstraint: Check = (type, name, enforced, requests, limits) => {
  const [request, limit, bound] = comparable(requests[name], limits[name], enforced);
  if (!requests[name]) return `minimum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (request < bound) return `minimum ${name} usage per ${type} is ${enforced}, but request is ${requests[name]}`;
  if (limits[name] && limit < bound) return `minimum ${name} usage per ${type} is ${enforced}, but limit is ${limits[name]}`;
  return undefined;
};

const maxConstraint: Check = (type, name, enforced, requests, limits) => {
  const [request, limit, bound] = comparable(requests[name], limits[name], enforced);
  if (!limits[name]) return `maximum ${name} usage per ${type} is ${enforced}.  No limit is specified`;
  if (limit > bound) return `maximum ${name} usage per ${type} is ${enforced}, but limit is ${limits[name]}`;
  if (requests[name] && request > bound) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${requests[name]}`;
  return undefined;
};

/** maxRequestConstraint: claims are held to max by what they request. */
const maxRequestConstraint: Check = (type, name, enforced, requests) => {
  const [request, , bound] = comparable(requests[name], undefined, enforced);
  if (!requests[name]) return `maximum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (request > bound) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${requests[name]}`;
  return undefined;
};

const ratioConstraint: Check = (type, name, enforced, requests, limits) => {
  const [request, limit] = comparable(requests[name], limits[name], enforced);
  if (!requests[name] || request === 0) return `${name} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (!limits[name] || limit === 0) return `${name} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  const observed = limit / request;
  const scaled = enforced.value() <= maxMilliValue;
  if ((scaled ? observed * 1000 : observed) > (scaled ? enforced.milliValue() : enforced.value())) {
    return `${name} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${observed.toFixed(6)}`;
  }
  return undefined;
};

/** Runs `check` for every resource named in `bounds` (sorted: upstream's map order is random). */
function each(check: Check, type: string, bounds: Record<string, unknown> | undefined, requests: ResourceList, limits: ResourceList): string[] {
  const enforced = toResourceList(bounds);
  return Object.keys(enforced).sort().map((name) => check(type, name, enforced[name], requests, limits)).filter((m): m is string => m !== undefined);
}

function itemErrors(item: LimitRangeItem, type: string, requests: ResourceList, limits: ResourceList): string[] {
  return [...each(minConstraint, type, item.min, requests, limits), ...each(maxConstraint, type, item.max, requests, limits), ...each(ratioConstraint, type, item.maxLimitRequestRatio, requests, limits)];
}

/** PodValidateLimitFunc: Container items against each container and init container, Pod items against the pod's totals. */
export function podLimitRangeErrors(limitRange: LimitRangeObject, pod: QuotaPod): string[] {
  return (limitRange.spec?.limits ?? []).flatMap((item) => {
    if (item.type === 'Container') {
      return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].flatMap((container) =>
        itemErrors(item, 'Container', toResourceList(container?.resources?.requests), toResourceList(container?.resources?.limits)),
      );
    }
    if (item.type === 'Pod') return itemErrors(item, 'Pod', podResources(pod, 'requests', { excludeOverhead: true }), podResources(pod, 'limits', { excludeOverhead: true }));
    return [];
  });
}

/** PersistentVolumeClaimValidateLimitFunc: min and max against spec.resources.requests. */
export function claimLimitRangeErrors(limitRange: LimitRangeObject, claim: { spec?: { resources?: { requests?: unknown } } }): string[] {
  const requests = toResourceList(claim.spec?.resources?.requests);
  return (limitRange.spec?.limits ?? [])
    .filter((item) => item.type === 'PersistentVolumeClaim')
    .flatMap((item) => [...each(minConstraint, 'PersistentVolumeClaim', item.min, requests, {}), ...each(maxRequestConstraint, 'PersistentVolumeClaim', item.max, requests, {})]);
}

/** utilerrors.NewAggregate(...).Error(): one message as it is, several (deduplicated) in brackets. */
export function aggregateMessage(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
