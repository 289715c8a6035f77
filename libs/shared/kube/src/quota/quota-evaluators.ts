import { parseQuantity, Quantity } from '../quantity/quantity';
import { isBestEffort, isTerminating, podConstraintsError, podUsage, QuotaPod } from './pod-usage';
import { ResourceList, toResourceList } from './resource-list';

/** A quota scope requirement (spec.scopes become `Exists` requirements, as getScopeSelectorsFromQuota). */
export interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values?: string[];
}

/** An object as quota evaluators read it. */
type Item = Record<string, unknown>;

/**
 * quota.Evaluator (pkg/quota/v1/interfaces.go) for one group-resource (`pods`, `deployments.apps`):
 * what it charges, for which operations, which quota resources it covers and which scopes it matches.
 */
export interface QuotaEvaluator {
  readonly groupResource: string;
  /** Handles: whether a write of this kind can change usage. */
  handles(operation: string, subresource?: string): boolean;
  /** MatchingResources: the names among `names` this evaluator charges. */
  matchingResources(names: readonly string[]): string[];
  usage(item: Item, now: number): ResourceList;
  matchesScope(scope: ScopeRequirement, item: Item): boolean;
  /** Constraints: an error message when the object cannot be charged against `required`. */
  constraints(required: readonly string[], item: Item): string | undefined;
}

const one = () => new Quantity(1000000000n);
const zero = () => new Quantity(0n);

/** generic.ObjectCountQuotaResourceNameFor: `count/pods`, `count/deployments.apps`. */
export function objectCountName(groupResource: string): string {
  return `count/${groupResource}`;
}

/** generic.NewObjectCountEvaluator: one per object (and the legacy alias), on create only, no scopes. */
export function objectCountEvaluator(groupResource: string, alias?: string): QuotaEvaluator {
  const names = [objectCountName(groupResource), ...(alias ? [alias] : [])];
  return {
    groupResource,
    handles: (operation) => operation === 'CREATE',
    matchingResources: (input) => input.filter((name) => names.includes(name)),
    usage: () => Object.fromEntries(names.map((name) => [name, one()])),
    matchesScope: () => false,
    constraints: () => undefined,
  };
}

const podResourceNames = [
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
];

/** podEvaluator: charged on create; scopes Terminating, NotTerminating, BestEffort, NotBestEffort, PriorityClass. */
const podEvaluator: QuotaEvaluator = {
  groupResource: 'pods',
  handles: (operation) => operation === 'CREATE',
  matchingResources: (input) =>
    input.filter((name) => podResourceNames.includes(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-') || (name.startsWith('requests.') && name.includes('/'))),
  usage: (item, now) => podUsage(item as QuotaPod, now),
  matchesScope: (scope, item) => podMatchesScope(scope, item as QuotaPod),
  constraints: (required, item) => podConstraintsError(item as QuotaPod, required),
};

function podMatchesScope(scope: ScopeRequirement, pod: QuotaPod): boolean {
  switch (scope.scopeName) {
    case 'Terminating': return isTerminating(pod);
    case 'NotTerminating': return !isTerminating(pod);
    case 'BestEffort': return isBestEffort(pod);
    case 'NotBestEffort': return !isBestEffort(pod);
    case 'PriorityClass': {
      const name = pod.spec?.priorityClassName ?? '';
      if (scope.operator === 'Exists') return name !== '';
      if (scope.operator === 'DoesNotExist') return name === '';
      const listed = (scope.values ?? []).includes(name);
      return scope.operator === 'In' ? listed : !listed;
    }
    default: return false;
  }
}

const serviceResourceNames = ['count/services', 'services', 'services.nodeports', 'services.loadbalancers'];

/** serviceEvaluator: charged on create and update (a type change moves node ports and load balancers). */
const serviceEvaluator: QuotaEvaluator = {
  groupResource: 'services',
  handles: (operation) => operation === 'CREATE' || operation === 'UPDATE',
  matchingResources: (input) => input.filter((name) => serviceResourceNames.includes(name)),
  usage: (item) => {
    const spec = (item.spec ?? {}) as { type?: string; ports?: { nodePort?: number }[]; allocateLoadBalancerNodePorts?: boolean };
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    const result: ResourceList = { 'count/services': one(), services: one(), 'services.loadbalancers': zero(), 'services.nodeports': zero() };
    if (spec.type === 'NodePort') result['services.nodeports'] = parseQuantity(ports.length);
    if (spec.type === 'LoadBalancer') {
      const counted = spec.allocateLoadBalancerNodePorts === false ? ports.filter((port) => port?.nodePort).length : ports.length;
      result['services.nodeports'] = parseQuantity(counted);
      result['services.loadbalancers'] = one();
    }
    return result;
  },
  matchesScope: () => false,
  constraints: () => undefined,
};

const storageClassSuffix = '.storageclass.storage.k8s.io/';

/** persistentVolumeClaimEvaluator: claims and requested storage, also per storage class. */
const claimEvaluator: QuotaEvaluator = {
  groupResource: 'persistentvolumeclaims',
  handles: (operation) => operation === 'CREATE' || operation === 'UPDATE',
  matchingResources: (input) =>
    input.filter((name) => ['persistentvolumeclaims', 'count/persistentvolumeclaims', 'requests.storage'].includes(name) || name.includes(storageClassSuffix)),
  usage: (item) => {
    const spec = (item.spec ?? {}) as { storageClassName?: string; resources?: { requests?: unknown } };
    const allocated = toResourceList((item.status as { allocatedResources?: unknown } | undefined)?.allocatedResources).storage;
    const annotated = (item.metadata as { annotations?: Record<string, string> } | undefined)?.annotations?.['volume.beta.kubernetes.io/storage-class'];
    const storageClass = annotated ?? spec.storageClassName ?? '';
    const result: ResourceList = { persistentvolumeclaims: one(), 'count/persistentvolumeclaims': one() };
    if (storageClass) result[`${storageClass}${storageClassSuffix}persistentvolumeclaims`] = one();
    const requested = toResourceList(spec.resources?.requests).storage;
    const storage = requested && allocated && allocated.cmp(requested) > 0 ? allocated : requested ?? allocated;
    if (storage) {
      result['requests.storage'] = storage;
      if (storageClass) result[`${storageClass}${storageClassSuffix}requests.storage`] = storage;
    }
    return result;
  },
  matchesScope: () => false,
  constraints: () => undefined,
};

/** core.NewEvaluators: the evaluators with their own logic, and the legacy aliases of object counts. */
const coreEvaluators = new Map<string, QuotaEvaluator>([
  ['pods', podEvaluator],
  ['services', serviceEvaluator],
  ['persistentvolumeclaims', claimEvaluator],
  ['configmaps', objectCountEvaluator('configmaps', 'configmaps')],
  ['resourcequotas', objectCountEvaluator('resourcequotas', 'resourcequotas')],
  ['replicationcontrollers', objectCountEvaluator('replicationcontrollers', 'replicationcontrollers')],
  ['secrets', objectCountEvaluator('secrets', 'secrets')],
]);

/** The evaluator of a group-resource (`pods`, `deployments.apps`): a core one, else an object count. */
export function quotaEvaluatorFor(groupResource: string): QuotaEvaluator {
  return coreEvaluators.get(groupResource) ?? objectCountEvaluator(groupResource);
}

/** The ResourceQuota fields quota arithmetic reads. */
export interface QuotaObject {
  metadata: { name?: string; namespace?: string };
  spec?: { hard?: Record<string, unknown>; scopes?: string[]; scopeSelector?: { matchExpressions?: ScopeRequirement[] } };
  status?: { hard?: Record<string, unknown>; used?: Record<string, unknown> };
}

/** getScopeSelectorsFromQuota: spec.scopes as `Exists` requirements, then the scope selector's. */
export function quotaScopes(quota: QuotaObject): ScopeRequirement[] {
  return [
    ...(quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })),
    ...(quota.spec?.scopeSelector?.matchExpressions ?? []),
  ];
}

/** generic.Matches: the quota limits something this evaluator charges, and every scope matches. */
export function quotaMatches(evaluator: QuotaEvaluator, hardNames: readonly string[], quota: QuotaObject, item: Item): boolean {
  return evaluator.matchingResources(hardNames).length > 0 && quotaScopes(quota).every((scope) => evaluator.matchesScope(scope, item));
}
