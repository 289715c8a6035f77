import type { KubeObject, OwnerReference } from '@drydock/util';
import type { Pod, PodTemplateSpec } from './workload.types';

/**
 * controller.GetPodFromTemplate: a pod named `<controller>-<random>` by the API server (generateName),
 * with the template's labels, annotations, finalizers and spec, owned by the controller.
 */
export function podFromTemplate(template: PodTemplateSpec | undefined, owner: KubeObject, controllerRef: OwnerReference): Pod {
  const metadata = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(metadata.labels ?? {}) },
      annotations: { ...(metadata.annotations ?? {}) },
      ownerReferences: [controllerRef],
    },
    spec: JSON.parse(JSON.stringify(template?.spec ?? {})),
  };
  if (Array.isArray(metadata.finalizers)) pod.metadata.finalizers = [...(metadata.finalizers as string[])];
  if (Object.keys(pod.metadata.annotations!).length === 0) delete pod.metadata.annotations;
  return pod;
}
