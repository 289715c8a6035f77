import { RESOURCES_FIELDS } from '@/components/overview/cluster-model';
import { CONDITION_FIELDS } from '@/components/ui/conditions-table';
import type { PodQuery } from '@/lib/graphql-types.generated';
import { OBJECT_REF_FIELDS, POD_ROW_FIELDS, type ObjectRef } from './pod-types';

export type PodDetail = NonNullable<PodQuery['pod']>;
export type ContainerStatus = PodDetail['containers'][number];

export const POD_DETAIL = /* GraphQL */ `query Pod($namespace: String!, $name: String!) {
  pod(namespace: $namespace, name: $name) {
    ...PodRow podIP qosClass
    requests { ...ResourcesFields }
    containers { name image ready restartCount state reason message startedAt exitCode requests { ...ResourcesFields } limits { ...ResourcesFields } }
    conditions { ...ConditionFields }
    ownerChain { ...ObjectRefFields }
    node { name status }
    scheduling { message nodes { node reasons explanation } }
    yaml
  }
}
${POD_ROW_FIELDS}
${RESOURCES_FIELDS}
${CONDITION_FIELDS}
${OBJECT_REF_FIELDS}`;

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** Where an owner reference leads in the dashboard, if anywhere. */
export function ownerHref(ref: ObjectRef, namespace: string): string | undefined {
  if (WORKLOAD_KINDS.has(ref.kind)) return `/workloads/${ref.kind}/${encodeURIComponent(ref.namespace ?? namespace)}/${encodeURIComponent(ref.name)}`;
  if (ref.kind === 'Node') return `/nodes/${encodeURIComponent(ref.name)}`;
  return undefined;
}
