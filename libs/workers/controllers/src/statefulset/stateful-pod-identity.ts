import type { OwnerReference } from '@drydock/util';
import { podFromTemplate } from '../util/pod-template';
import type { Pod, PodTemplateSpec } from '../util/workload.types';
import { CONTROLLER_REVISION_HASH_LABEL } from './controller-history';
import type { PersistentVolumeClaim, StatefulSet } from './statefulset.types';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** getPodName: `<set>-<ordinal>`. */
export function statefulPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** getParentNameAndOrdinal: the ordinal of `<set>-<n>` when the pod belongs to this set by name, else -1. */
export function podOrdinal(set: StatefulSet, pod: Pod): number {
  const match = /^(.*)-(\d+)$/.exec(pod.metadata.name ?? '');
  if (!match || match[1] !== set.metadata.name) return -1;
  return Number(match[2]);
}

/** getPersistentVolumeClaimName: `<claim template>-<set>-<ordinal>`. */
export function claimName(set: StatefulSet, template: PersistentVolumeClaim, ordinal: number): string {
  return `${template.metadata.name}-${set.metadata.name}-${ordinal}`;
}

/** getPersistentVolumeClaims: one claim per template, labelled with the set's selector (matchLabels). */
export function claimsForOrdinal(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  return (set.spec.volumeClaimTemplates ?? []).map((template) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      ...(template.metadata.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      name: claimName(set, template, ordinal),
      namespace: set.metadata.namespace,
      labels: { ...(template.metadata.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) },
    },
    spec: JSON.parse(JSON.stringify(template.spec ?? {})),
  }));
}

/**
 * newVersionedStatefulSetPod for one template: name, hostname and subdomain (serviceName), the identity
 * labels, the revision label, and a volume per claim template naming the ordinal's claim.
 */
export function newStatefulPod(set: StatefulSet, template: PodTemplateSpec, ordinal: number, revisionName: string, controllerRef: OwnerReference): Pod {
  const pod = podFromTemplate(template, set, controllerRef);
  const name = statefulPodName(set, ordinal);
  delete pod.metadata.generateName;
  pod.metadata.name = name;
  pod.metadata.labels = { ...pod.metadata.labels, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [CONTROLLER_REVISION_HASH_LABEL]: revisionName };
  const spec = pod.spec as Record<string, unknown>;
  spec.hostname = name;
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  const claims = set.spec.volumeClaimTemplates ?? [];
  if (claims.length) {
    const claimVolumes = claims.map((claim) => ({ name: claim.metadata.name, persistentVolumeClaim: { claimName: claimName(set, claim, ordinal) } }));
    const others = ((spec.volumes as { name: string }[] | undefined) ?? []).filter((volume) => !claims.some((claim) => claim.metadata.name === volume.name));
    spec.volumes = [...claimVolumes, ...others];
  }
  return pod;
}

/** Which revision a missing ordinal is created at: below the partition, the current one (RollingUpdate only). */
export function revisionForOrdinal(set: StatefulSet, ordinal: number): 'current' | 'update' {
  const strategy = set.spec.updateStrategy;
  if (strategy?.type !== 'OnDelete' && ordinal < (strategy?.rollingUpdate?.partition ?? 0)) return 'current';
  return 'update';
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp;
}

export function isFailedOrSucceeded(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
}

/**
 * The ordered decisions of updateStatefulSet for OrderedReady: the ordinals to keep (0…replicas-1 from
 * ordinals.start) and the condemned pods, highest ordinal first (scale-down order).
 */
export function splitByOrdinal(set: StatefulSet, pods: Pod[]): { replicas: (Pod | undefined)[]; condemned: Pod[] } {
  const start = set.spec.ordinals?.start ?? 0;
  const count = set.spec.replicas ?? 1;
  const replicas: (Pod | undefined)[] = Array.from({ length: count }, () => undefined);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    const ordinal = podOrdinal(set, pod);
    if (ordinal < 0) continue;
    if (ordinal >= start && ordinal < start + count) replicas[ordinal - start] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => podOrdinal(set, b) - podOrdinal(set, a));
  return { replicas, condemned };
}
