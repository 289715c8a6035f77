import type { RequestInfo } from '../request-info';
import type { UserInfo } from '../../rest/request-context';

/** A priority level of upstream's bootstrap configuration (pkg/apis/flowcontrol/bootstrap/default.go). */
export interface PriorityLevel {
  name: string;
  /** Undefined: exempt (never queued nor limited). */
  nominalConcurrencyShares?: number;
  /** 0: `Reject` beyond the limit; else `Queue`. */
  queues: number;
  handSize: number;
  queueLengthLimit: number;
}

/** A flow schema: which requests go to which level, and what tells their flows apart. */
export interface FlowSchema {
  name: string;
  priorityLevel: string;
  /** `ByUser`, `ByNamespace`, or none (one flow for the whole schema). */
  distinguisher?: 'ByUser' | 'ByNamespace';
  matches(user: UserInfo, info: RequestInfo | undefined): boolean;
}

export const priorityLevels: PriorityLevel[] = [
  { name: 'exempt', queues: 0, handSize: 0, queueLengthLimit: 0 },
  { name: 'system', nominalConcurrencyShares: 30, queues: 64, handSize: 6, queueLengthLimit: 50 },
  { name: 'node-high', nominalConcurrencyShares: 40, queues: 64, handSize: 6, queueLengthLimit: 50 },
  { name: 'leader-election', nominalConcurrencyShares: 10, queues: 16, handSize: 4, queueLengthLimit: 50 },
  { name: 'workload-high', nominalConcurrencyShares: 40, queues: 128, handSize: 6, queueLengthLimit: 50 },
  { name: 'workload-low', nominalConcurrencyShares: 100, queues: 128, handSize: 6, queueLengthLimit: 50 },
  { name: 'global-default', nominalConcurrencyShares: 20, queues: 128, handSize: 6, queueLengthLimit: 50 },
  { name: 'catch-all', nominalConcurrencyShares: 5, queues: 0, handSize: 0, queueLengthLimit: 0 },
];

const inGroup = (user: UserInfo, ...groups: string[]) => user.groups.some((group) => groups.includes(group));
const isKubeSystemServiceAccount = (user: UserInfo) => user.name.startsWith('system:serviceaccount:kube-system:');
const leaderElectionResource = (info: RequestInfo | undefined) =>
  !!info && ['get', 'create', 'update'].includes(info.verb) && ((info.group === 'coordination.k8s.io' && info.resource === 'leases') || (info.group === '' && ['endpoints', 'configmaps'].includes(info.resource)));

/** Upstream's mandatory and suggested flow schemas, in order of matching precedence. */
export const flowSchemas: FlowSchema[] = [
  { name: 'exempt', priorityLevel: 'exempt', matches: (user) => inGroup(user, 'system:masters') },
  {
    name: 'system-leader-election',
    priorityLevel: 'leader-election',
    distinguisher: 'ByUser',
    matches: (user, info) => (['system:kube-controller-manager', 'system:kube-scheduler'].includes(user.name) || isKubeSystemServiceAccount(user)) && info?.namespace === 'kube-system' && leaderElectionResource(info),
  },
  { name: 'system-node-high', priorityLevel: 'node-high', distinguisher: 'ByUser', matches: (user, info) => inGroup(user, 'system:nodes') && (info?.resource === 'nodes' || info?.resource === 'leases') },
  { name: 'system-nodes', priorityLevel: 'system', distinguisher: 'ByUser', matches: (user) => inGroup(user, 'system:nodes') },
  { name: 'kube-controller-manager', priorityLevel: 'workload-high', distinguisher: 'ByNamespace', matches: (user) => user.name === 'system:kube-controller-manager' },
  { name: 'kube-scheduler', priorityLevel: 'workload-high', distinguisher: 'ByNamespace', matches: (user) => user.name === 'system:kube-scheduler' },
  { name: 'kube-system-service-accounts', priorityLevel: 'workload-high', distinguisher: 'ByNamespace', matches: (user) => isKubeSystemServiceAccount(user) },
  { name: 'service-accounts', priorityLevel: 'workload-low', distinguisher: 'ByUser', matches: (user) => inGroup(user, 'system:serviceaccounts') },
  { name: 'global-default', priorityLevel: 'global-default', distinguisher: 'ByUser', matches: (user) => inGroup(user, 'system:authenticated', 'system:unauthenticated') },
  { name: 'catch-all', priorityLevel: 'catch-all', distinguisher: 'ByUser', matches: () => true },
];

/** The first schema (in precedence order) matching the request; catch-all matches everything. */
export function classify(user: UserInfo, info: RequestInfo | undefined): FlowSchema {
  return flowSchemas.find((schema) => schema.matches(user, info)) as FlowSchema;
}

/** The flow a request belongs to: its schema and distinguisher, hashed by the queue set for shuffle sharding. */
export function flowKey(schema: FlowSchema, user: UserInfo, info: RequestInfo | undefined): string {
  const distinguisher = schema.distinguisher === 'ByUser' ? user.name : schema.distinguisher === 'ByNamespace' ? (info?.namespace ?? '') : '';
  return `${schema.name}\u0000${distinguisher}`;
}
