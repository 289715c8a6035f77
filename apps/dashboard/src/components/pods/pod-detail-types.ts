import type { ConditionRow } from '@/components/ui/conditions-table';
import type { SchedulingInfo } from './scheduling-reasons';
import type { ObjectRef, PodRow, Resources } from './pod-types';

export interface ContainerStatus {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  state: string;
  reason?: string | null;
  message?: string | null;
  startedAt?: string | null;
  exitCode?: number | null;
  requests: Resources;
  limits: Resources;
}

export interface PodDetail extends PodRow {
  podIP?: string | null;
  qosClass?: string | null;
  requests: Resources;
  containers: ContainerStatus[];
  conditions: ConditionRow[];
  ownerChain: ObjectRef[];
  node?: { name: string; status: string } | null;
  scheduling?: SchedulingInfo | null;
  yaml: string;
}

export const POD_DETAIL = `query Pod($namespace: String!, $name: String!) {
  pod(namespace: $namespace, name: $name) {
    namespace name uid phase status ready restarts nodeName podIP createdAt deletionTimestamp labels qosClass
    requests { cpu memory pods }
    containers { name image ready restartCount state reason message startedAt exitCode requests { cpu memory pods } limits { cpu memory pods } }
    conditions { type status reason message lastTransitionTime }
    ownerChain { apiVersion kind namespace name uid }
    node { name status }
    scheduling { message nodes { node reasons explanation } }
    yaml
  }
}`;

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** Where an owner reference leads in the dashboard, if anywhere. */
export function ownerHref(ref: ObjectRef, namespace: string): string | undefined {
  if (WORKLOAD_KINDS.has(ref.kind)) return `/workloads/${ref.kind}/${encodeURIComponent(ref.namespace ?? namespace)}/${encodeURIComponent(ref.name)}`;
  if (ref.kind === 'Node') return `/nodes/${encodeURIComponent(ref.name)}`;
  return undefined;
}
