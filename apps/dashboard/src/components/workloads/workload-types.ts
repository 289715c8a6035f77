import type { WorkloadKindName } from '@/components/events/event-timeline';
import { CONDITION_FIELDS } from '@/components/ui/conditions-table';
import { OBJECT_REF_FIELDS, POD_ROW_FIELDS } from '@/components/pods/pod-types';
import type { WorkloadQuery, WorkloadRowFragment } from '@/lib/graphql-types.generated';

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
export const WORKLOAD_ROW_FIELDS = /* GraphQL */ `fragment WorkloadRow on Workload {
  kind namespace name uid createdAt labels images desired current ready updated available status paused revision
}`;

export type WorkloadRow = WorkloadRowFragment;
export type WorkloadDetail = NonNullable<WorkloadQuery['workload']>;
export type RolloutState = NonNullable<WorkloadDetail['rollout']>;
export type ReplicaSetSide = RolloutState['oldReplicaSets'][number];
export type ScalingEvent = WorkloadDetail['events'][number];

const REPLICA_SET_SIDE_FIELDS = /* GraphQL */ `fragment ReplicaSetSideFields on ReplicaSetSide { name revision replicas ready available images }`;

export const WORKLOAD_DETAIL = /* GraphQL */ `query Workload($kind: WorkloadKind!, $namespace: String!, $name: String!) {
  workload(kind: $kind, namespace: $namespace, name: $name) {
    ...WorkloadRow selector
    conditions { ...ConditionFields }
    ownerChain { ...ObjectRefFields }
    children { ...WorkloadRow }
    rollout {
      strategy desired updated ready available unavailable maxSurge maxUnavailable maxTotal minAvailable complete message
      newReplicaSet { ...ReplicaSetSideFields }
      oldReplicaSets { ...ReplicaSetSideFields }
    }
    events(includeRelated: false) { uid reason message count firstTimestamp lastTimestamp }
    manifest
    yaml
  }
}
${WORKLOAD_ROW_FIELDS}
${CONDITION_FIELDS}
${OBJECT_REF_FIELDS}
${REPLICA_SET_SIDE_FIELDS}`;

/** A workload's pods, asked for apart from the rest: a 10,000-replica Deployment's pods are too many to reload 4 times a second with its rollout state. */
export const WORKLOAD_PODS = /* GraphQL */ `query WorkloadPods($kind: WorkloadKind!, $namespace: String!, $name: String!) {
  workload(kind: $kind, namespace: $namespace, name: $name) { pods { ...PodRow } }
}
${POD_ROW_FIELDS}`;
