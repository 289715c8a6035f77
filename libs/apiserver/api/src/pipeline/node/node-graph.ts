import type { KubeObject } from '@drydock/util';
import type { CachedObjects } from '../namespace-lifecycle.admission';

interface Named {
  name?: string;
}

interface PodVolume {
  name?: string;
  secret?: { secretName?: string };
  configMap?: Named;
  persistentVolumeClaim?: { claimName?: string };
  ephemeral?: unknown;
  projected?: { sources?: { secret?: Named; configMap?: Named }[] };
}

interface Container {
  env?: { valueFrom?: { secretKeyRef?: Named; configMapKeyRef?: Named } }[];
  envFrom?: { secretRef?: Named; configMapRef?: Named }[];
}

interface PodSpec {
  nodeName?: string;
  serviceAccountName?: string;
  volumes?: PodVolume[];
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  imagePullSecrets?: Named[];
}

export type NodeObjectKind = 'secrets' | 'configmaps' | 'persistentvolumeclaims' | 'persistentvolumes' | 'serviceaccounts';

/** The objects of `kind` one pod uses (upstream's graph_populator.go AddPod edges). */
function referencedBy(pod: KubeObject, kind: Exclude<NodeObjectKind, 'persistentvolumes'>): string[] {
  const spec = (pod.spec ?? {}) as PodSpec;
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  const names: (string | undefined)[] = [];
  switch (kind) {
    case 'serviceaccounts':
      names.push(spec.serviceAccountName || 'default');
      break;
    case 'persistentvolumeclaims':
      for (const volume of spec.volumes ?? []) {
        names.push(volume.persistentVolumeClaim?.claimName);
        if (volume.ephemeral) names.push(`${pod.metadata.name}-${volume.name}`);
      }
      break;
    case 'secrets':
      names.push(...(spec.imagePullSecrets ?? []).map((ref) => ref.name));
      for (const volume of spec.volumes ?? []) names.push(volume.secret?.secretName, ...(volume.projected?.sources ?? []).map((source) => source.secret?.name));
      for (const container of containers) names.push(...(container.env ?? []).map((env) => env.valueFrom?.secretKeyRef?.name), ...(container.envFrom ?? []).map((from) => from.secretRef?.name));
      break;
    case 'configmaps':
      for (const volume of spec.volumes ?? []) names.push(volume.configMap?.name, ...(volume.projected?.sources ?? []).map((source) => source.configMap?.name));
      for (const container of containers) names.push(...(container.env ?? []).map((env) => env.valueFrom?.configMapKeyRef?.name), ...(container.envFrom ?? []).map((from) => from.configMapRef?.name));
      break;
  }
  return names.filter((name): name is string => !!name);
}

/**
 * Upstream's node authorization graph (plugin/pkg/auth/authorizer/node/graph.go), asked of the watch
 * cache instead of kept as a graph: whether a path leads from node `node` to an object, i.e. a pod
 * bound to the node uses it (a secret, configmap, claim or service account), or a claim such a pod
 * uses is bound to it (a persistent volume). Pods are scanned per request; fine at Drydock's sizes.
 */
export class NodeGraph {
  constructor(private readonly cache: CachedObjects) {}

  hasPathFrom(cluster: string, node: string, kind: NodeObjectKind, namespace: string, name: string): boolean {
    if (kind === 'persistentvolumes') return this.claimsOn(cluster, node).some((claim) => (claim.spec as { volumeName?: string } | undefined)?.volumeName === name);
    return this.podsOn(cluster, node, namespace).some((pod) => referencedBy(pod, kind).includes(name));
  }

  private podsOn(cluster: string, node: string, namespace?: string): KubeObject[] {
    return this.cache.snapshot({ cluster, resource: 'pods', namespace }).items.filter((pod) => (pod.spec as PodSpec | undefined)?.nodeName === node);
  }

  /** The claims the node's pods use. */
  private claimsOn(cluster: string, node: string): KubeObject[] {
    const wanted = new Set(this.podsOn(cluster, node).flatMap((pod) => referencedBy(pod, 'persistentvolumeclaims').map((claim) => `${pod.metadata.namespace}/${claim}`)));
    if (!wanted.size) return [];
    return this.cache.snapshot({ cluster, resource: 'persistentvolumeclaims' }).items.filter((claim) => wanted.has(`${claim.metadata.namespace}/${claim.metadata.name}`));
  }
}
