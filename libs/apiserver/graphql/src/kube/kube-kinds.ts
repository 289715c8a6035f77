import { ResourceRef, resources } from '@drydock/client';

export const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] as const;
export type WorkloadKindName = (typeof WORKLOAD_KINDS)[number];

export const workloadResources: Record<WorkloadKindName, ResourceRef> = {
  Deployment: resources.deployments,
  ReplicaSet: resources.replicasets,
  StatefulSet: resources.statefulsets,
  DaemonSet: resources.daemonsets,
  Job: resources.jobs,
  CronJob: resources.cronjobs,
};

const byKind = new Map<string, ResourceRef>();
for (const ref of Object.values(resources)) if (!byKind.has(ref.kind)) byKind.set(ref.kind, ref);

/** The built-in resource of a Kind (`Pod`, `Deployment`, core `Event`); undefined for kinds only discovery knows. */
export function resourceForKind(kind: string): ResourceRef | undefined {
  return byKind.get(kind);
}

export function isWorkloadKind(kind: string): kind is WorkloadKindName {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}
