import type { WorkloadKindName } from '@/components/events/event-timeline';
import type { ConditionRow } from '@/components/ui/conditions-table';
import { POD_ROW_FIELDS, type ObjectRef, type PodRow } from '@/components/pods/pod-types';

export const WORKLOAD_KINDS: WorkloadKindName[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
export const KIND_PLURAL: Record<WorkloadKindName, string> = {
  Deployment: 'Deployments',
  ReplicaSet: 'ReplicaSets',
  StatefulSet: 'StatefulSets',
  DaemonSet: 'DaemonSets',
  Job: 'Jobs',
  CronJob: 'CronJobs',
};

export function isWorkloadKind(kind: string): kind is WorkloadKindName {
  return (WORKLOAD_KINDS as string[]).includes(kind);
}

export function workloadHref(kind: string, namespace: string, name: string, tab?: string): string {
  return `/workloads/${kind}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}${tab ? `?tab=${tab}` : ''}`;
}

/** The fields a list row shows. */
export const WORKLOAD_ROW_FIELDS = 'kind namespace name uid createdAt labels images desired current ready updated available status paused revision';

export interface WorkloadRow {
  kind: WorkloadKindName;
  namespace: string;
  name: string;
  uid: string;
  createdAt?: string | null;
  labels?: Record<string, string> | null;
  images: string[];
  desired: number;
  current: number;
  ready: number;
  updated: number;
  available: number;
  status: string;
  paused: boolean;
  revision?: number | null;
}

export interface ReplicaSetSide {
  name: string;
  revision?: number | null;
  replicas: number;
  ready: number;
  available: number;
  images: string[];
}

export interface RolloutState {
  strategy: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  unavailable: number;
  maxSurge: number;
  maxUnavailable: number;
  maxTotal: number;
  minAvailable: number;
  complete: boolean;
  message?: string | null;
  newReplicaSet?: ReplicaSetSide | null;
  oldReplicaSets: ReplicaSetSide[];
}

export interface ScalingEvent {
  uid: string;
  reason?: string | null;
  message?: string | null;
  count?: number | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
}

export interface WorkloadDetail extends WorkloadRow {
  selector?: string | null;
  conditions: ConditionRow[];
  ownerChain: ObjectRef[];
  children: WorkloadRow[];
  rollout?: RolloutState | null;
  events: ScalingEvent[];
  manifest: Record<string, unknown>;
  yaml: string;
}

export const WORKLOAD_DETAIL = `query Workload($kind: WorkloadKind!, $namespace: String!, $name: String!) {
  workload(kind: $kind, namespace: $namespace, name: $name) {
    ${WORKLOAD_ROW_FIELDS} selector
    conditions { type status reason message lastTransitionTime }
    ownerChain { apiVersion kind namespace name uid }
    children { ${WORKLOAD_ROW_FIELDS} }
    rollout {
      strategy desired updated ready available unavailable maxSurge maxUnavailable maxTotal minAvailable complete message
      newReplicaSet { name revision replicas ready available images }
      oldReplicaSets { name revision replicas ready available images }
    }
    events(includeRelated: false) { uid reason message count firstTimestamp lastTimestamp }
    manifest
    yaml
  }
}`;

/** A workload's pods, asked for apart from the rest: a 10,000-replica Deployment's pods are too many to reload 4 times a second with its rollout state. */
export const WORKLOAD_PODS = `query WorkloadPods($kind: WorkloadKind!, $namespace: String!, $name: String!) {
  workload(kind: $kind, namespace: $namespace, name: $name) { pods { ${POD_ROW_FIELDS} } }
}`;
export type WorkloadPods = { workload: { pods: PodRow[] } | null };
