import type { KubeObject } from '@drydock/util';

/** Namespaces every cluster starts with, as upstream's apiserver creates them. */
export const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** The `kubernetes` Service in `default`, at the first address of the service range. */
export function kubernetesService(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
  };
}

/** The provisioner of Drydock's simulated volumes (a directory per claim under the data directory). */
export const simulatedProvisioner = 'drydock.dev/simulated';

/**
 * The default StorageClass `standard`, as minikube and kind ship one: claims without a class get it
 * (DefaultStorageClass admission) and are provisioned at once by the simulated provisioner.
 */
export function defaultStorageClass(): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: simulatedProvisioner,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
}

/** What every namespace gets upstream from kube-controller-manager: the `default` ServiceAccount and the root CA. */
export function namespaceDefaults(namespace: string, caCert: string): { resource: 'serviceaccounts' | 'configmaps'; object: KubeObject }[] {
  return [
    { resource: 'serviceaccounts', object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } } },
    { resource: 'configmaps', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': caCert } } },
  ];
}

/** The system PriorityClasses upstream's API server creates at start (scheduling's PostStartHook). */
export function systemPriorityClasses(): KubeObject[] {
  const priorityClass = (name: string, value: number, description: string): KubeObject => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description, preemptionPolicy: 'PreemptLowerPriority' });
  return [
    priorityClass('system-node-critical', 2000001000, 'Used for system critical pods that must not be moved from their current node.'),
    priorityClass('system-cluster-critical', 2000000000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'),
  ];
}
