import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';

/** The annotation a node simulator puts on each Node it runs: where its kubelet endpoints listen. */
export const kubeletEndpointAnnotation = 'sim.drydock.dev/kubelet-endpoint';

export interface KubeletTarget {
  pod: KubeObject;
  container: string;
  /** `http://127.0.0.1:PORT` of the node simulator running the pod's node. */
  endpoint: string;
}

interface PodSpec {
  nodeName?: string;
  containers?: { name: string }[];
  initContainers?: { name: string }[];
  ephemeralContainers?: { name: string }[];
}

/** Upstream's container choice for logs/exec: the named one, the only one, or the default-container annotation. */
export function chooseContainer(pod: KubeObject, requested: string | null): string {
  const spec = (pod.spec ?? {}) as PodSpec;
  const names = (spec.containers ?? []).map((c) => c.name);
  const all = [...names, ...(spec.initContainers ?? []).map((c) => c.name), ...(spec.ephemeralContainers ?? []).map((c) => c.name)];
  const name = pod.metadata.name;
  if (requested) {
    if (!all.includes(requested)) throw StatusError.badRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  if (names.length === 1) return names[0];
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && names.includes(annotated)) return annotated;
  throw StatusError.badRequest(`a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`);
}

/**
 * Resolves which simulated kubelet serves a pod's container (`null` for the whole pod, as
 * port-forward asks); errors as upstream's API server words them.
 */
export async function resolveKubeletTarget(store: ObjectStore, cluster: string, namespace: string, name: string, requestedContainer: string | null | undefined): Promise<KubeletTarget> {
  const pod = await store.get({ cluster, resource: 'pods', namespace, name });
  if (!pod) throw StatusError.notFound({ group: '', resource: 'pods' }, name);
  const container = requestedContainer === undefined ? '' : chooseContainer(pod, requestedContainer);
  return { pod, container, endpoint: await kubeletEndpointOf(store, cluster, pod) };
}

/** Where the simulated kubelet of the pod's node listens; upstream's errors when the pod has no node or it is unreachable. */
export async function kubeletEndpointOf(store: Pick<ObjectStore, 'get'>, cluster: string, pod: KubeObject): Promise<string> {
  const nodeName = ((pod.spec ?? {}) as PodSpec).nodeName;
  if (!nodeName) throw StatusError.badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  const node = await store.get({ cluster, resource: 'nodes', namespace: '', name: nodeName });
  const endpoint = node?.metadata.annotations?.[kubeletEndpointAnnotation];
  if (!endpoint) throw new StatusError(503, 'ServiceUnavailable', `the kubelet of node "${nodeName}" is not reachable`);
  return endpoint;
}
