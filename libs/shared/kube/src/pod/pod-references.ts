/**
 * The ConfigMaps, Secrets and PersistentVolumeClaims a pod refers to by name, after upstream's
 * VisitPodConfigmapNames / VisitPodSecretNames (pkg/api/v1/pod/util.go): volumes (direct and
 * projected), env valueFrom and envFrom of every container, init and ephemeral container, and (for
 * Secrets) imagePullSecrets. Sorted, without duplicates.
 */
export interface PodReferences {
  configMaps: string[];
  secrets: string[];
  persistentVolumeClaims: string[];
}

type Json = Record<string, unknown> | undefined;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const name = (value: unknown, field = 'name'): string | undefined => {
  const found = (value as Json)?.[field];
  return typeof found === 'string' && found ? found : undefined;
};

export function podReferences(pod: object): PodReferences {
  const spec = (pod as { spec?: unknown }).spec as Json;
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  const claims = new Set<string>();
  const add = (set: Set<string>, value: string | undefined) => value && set.add(value);
  for (const volume of list(spec?.volumes)) {
    add(configMaps, name(volume?.configMap));
    add(secrets, name(volume?.secret, 'secretName'));
    add(claims, name(volume?.persistentVolumeClaim, 'claimName'));
    for (const source of list((volume?.projected as Json)?.sources)) {
      add(configMaps, name(source?.configMap));
      add(secrets, name(source?.secret));
    }
    for (const driver of ['azureFile', 'cephfs', 'cinder', 'flexVolume', 'iscsi', 'rbd', 'scaleIO', 'storageos', 'csi']) {
      const ref = (volume?.[driver] as Json)?.secretRef ?? (volume?.[driver] as Json)?.nodePublishSecretRef;
      add(secrets, name(ref) ?? (driver === 'azureFile' ? name(volume?.[driver], 'secretName') : undefined));
    }
  }
  for (const container of [...list(spec?.initContainers), ...list(spec?.containers), ...list(spec?.ephemeralContainers)]) {
    for (const from of list(container?.envFrom)) {
      add(configMaps, name(from?.configMapRef));
      add(secrets, name(from?.secretRef));
    }
    for (const env of list(container?.env)) {
      const valueFrom = env?.valueFrom as Json;
      add(configMaps, name(valueFrom?.configMapKeyRef));
      add(secrets, name(valueFrom?.secretKeyRef));
    }
  }
  for (const pull of list(spec?.imagePullSecrets)) add(secrets, name(pull));
  return { configMaps: [...configMaps].sort(), secrets: [...secrets].sort(), persistentVolumeClaims: [...claims].sort() };
}
