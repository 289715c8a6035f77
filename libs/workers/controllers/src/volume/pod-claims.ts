import type { Pod } from '../util/workload.types';

/** The claims a pod's volumes name: persistentVolumeClaim.claimName, and `<pod>-<volume>` of ephemeral volumes. */
export function podClaimNames(pod: Pod): string[] {
  const volumes = (pod.spec?.volumes ?? []) as { name: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }[];
  return volumes.flatMap((volume) => {
    if (volume.persistentVolumeClaim?.claimName) return [volume.persistentVolumeClaim.claimName];
    if (volume.ephemeral) return [`${pod.metadata.name}-${volume.name}`];
    return [];
  });
}
