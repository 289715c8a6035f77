/**
 * Merge strategies of the built-in types, transcribed from the struct tags of upstream's
 * k8s.io/api (core/v1/types.go, apps/v1/types.go, batch/v1, policy/v1, autoscaling/v2) and
 * k8s.io/apimachinery meta/v1/types.go: `patchStrategy`/`patchMergeKey` drive strategic merge
 * patch, `+listType`/`+listMapKey`/`+mapType`/`+structType` drive server-side apply.
 * A field not listed here has no tags: its lists are atomic for SSA and replaced by SMP.
 */
export interface FieldPatchMeta {
  /** The `patchStrategy` tag verbatim: `merge`, `replace`, `retainKeys` or `merge,retainKeys`. */
  patchStrategy?: string;
  patchMergeKey?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  /** Values SSA uses for list-map keys an item leaves out (the `+default` of the key field). */
  listMapKeyDefaults?: Record<string, unknown>;
  mapType?: 'atomic' | 'granular';
}

const byName: FieldPatchMeta = { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] };
const byNameRetainKeys: FieldPatchMeta = { ...byName, patchStrategy: 'merge,retainKeys' };
const byType: FieldPatchMeta = { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] };
const byIp: FieldPatchMeta = { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'map', listMapKeys: ['ip'] };
const atomicList: FieldPatchMeta = { listType: 'atomic' };
const atomicMap: FieldPatchMeta = { mapType: 'atomic' };
const conditions = { conditions: byType };

const containerFields: Record<string, FieldPatchMeta> = {
  ports: { patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'], listMapKeyDefaults: { protocol: 'TCP' } },
  env: byName,
  envFrom: atomicList,
  volumeMounts: { patchStrategy: 'merge', patchMergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'] },
  volumeDevices: { patchStrategy: 'merge', patchMergeKey: 'devicePath', listType: 'map', listMapKeys: ['devicePath'] },
  resizePolicy: atomicList,
  command: atomicList,
  args: atomicList,
};

export const patchStrategies: Readonly<Record<string, Readonly<Record<string, FieldPatchMeta>>>> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    finalizers: { patchStrategy: 'merge', listType: 'set' },
    ownerReferences: { patchStrategy: 'merge', patchMergeKey: 'uid', listType: 'map', listMapKeys: ['uid'] },
    managedFields: atomicList,
  },
  'io.k8s.api.core.v1.PodSpec': {
    volumes: byNameRetainKeys,
    initContainers: byName,
    containers: byName,
    ephemeralContainers: byName,
    imagePullSecrets: byName,
    hostAliases: byIp,
    topologySpreadConstraints: { patchStrategy: 'merge', patchMergeKey: 'topologyKey', listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'] },
    resourceClaims: byNameRetainKeys,
    schedulingGates: byName,
    tolerations: atomicList,
    readinessGates: atomicList,
    nodeSelector: atomicMap,
  },
  'io.k8s.api.core.v1.Container': containerFields,
  'io.k8s.api.core.v1.EphemeralContainer': containerFields,
  'io.k8s.api.core.v1.ResourceRequirements': { claims: { listType: 'map', listMapKeys: ['name'] } },
  'io.k8s.api.core.v1.PodStatus': {
    conditions: byType,
    podIPs: byIp,
    hostIPs: { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'atomic' },
    resourceClaimStatuses: byNameRetainKeys,
    initContainerStatuses: atomicList,
    containerStatuses: atomicList,
    ephemeralContainerStatuses: atomicList,
  },
  'io.k8s.api.core.v1.ServiceSpec': {
    ports: { patchStrategy: 'merge', patchMergeKey: 'port', listType: 'map', listMapKeys: ['port', 'protocol'], listMapKeyDefaults: { protocol: 'TCP' } },
    selector: atomicMap,
    clusterIPs: atomicList,
    externalIPs: atomicList,
    ipFamilies: atomicList,
    loadBalancerSourceRanges: atomicList,
  },
  'io.k8s.api.core.v1.ServiceStatus': conditions,
  'io.k8s.api.core.v1.ServiceAccount': {
    secrets: byName,
    imagePullSecrets: atomicList,
  },
  'io.k8s.api.core.v1.NodeSpec': {
    podCIDRs: { patchStrategy: 'merge', listType: 'set' },
    taints: atomicList,
  },
  'io.k8s.api.core.v1.NodeStatus': {
    conditions: byType,
    addresses: byType,
    images: atomicList,
    volumesInUse: atomicList,
    volumesAttached: atomicList,
  },
  'io.k8s.api.core.v1.NamespaceStatus': conditions,
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus': conditions,
  'io.k8s.api.core.v1.ReplicationControllerStatus': conditions,
  'io.k8s.api.apps.v1.DeploymentSpec': { strategy: { patchStrategy: 'retainKeys' } },
  'io.k8s.api.apps.v1.DeploymentStatus': conditions,
  'io.k8s.api.apps.v1.ReplicaSetStatus': conditions,
  'io.k8s.api.apps.v1.StatefulSetSpec': { volumeClaimTemplates: atomicList },
  'io.k8s.api.apps.v1.StatefulSetStatus': conditions,
  'io.k8s.api.apps.v1.DaemonSetStatus': conditions,
  'io.k8s.api.batch.v1.JobStatus': { conditions: { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'atomic' } },
  'io.k8s.api.batch.v1.CronJobStatus': { active: atomicList },
  'io.k8s.api.policy.v1.PodDisruptionBudgetStatus': conditions,
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus': conditions,
  // Drydock's own group (@drydock/openapi drydock-models.ts): members keyed by user, namespaces a set.
  'dev.drydock.v1.TeamSpec': {
    members: { patchStrategy: 'merge', patchMergeKey: 'user', listType: 'map', listMapKeys: ['user'] },
    namespaces: { patchStrategy: 'merge', listType: 'set' },
  },
  'dev.drydock.v1.TeamStatus': conditions,
  'dev.drydock.v1.UserStatus': { teams: { patchStrategy: 'merge', patchMergeKey: 'team', listType: 'map', listMapKeys: ['team'] } },
};

/** Structs tagged `+structType=atomic`: SSA owns them as a whole. */
export const atomicModels: ReadonlySet<string> = new Set([
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
  'io.k8s.api.core.v1.LocalObjectReference',
  'io.k8s.api.core.v1.ObjectReference',
  'io.k8s.api.core.v1.TypedLocalObjectReference',
  'io.k8s.api.core.v1.ConfigMapKeySelector',
  'io.k8s.api.core.v1.SecretKeySelector',
  'io.k8s.api.core.v1.ObjectFieldSelector',
  'io.k8s.api.core.v1.ResourceFieldSelector',
  'io.k8s.api.core.v1.SecretReference',
  'io.k8s.api.core.v1.NodeSelector',
  'io.k8s.api.core.v1.NodeSelectorTerm',
  'io.k8s.api.core.v1.TopologySelectorTerm',
]);

const noMeta: FieldPatchMeta = {};

export function fieldPatchMeta(modelName: string, fieldName: string): FieldPatchMeta {
  return patchStrategies[modelName]?.[fieldName] ?? noMeta;
}
