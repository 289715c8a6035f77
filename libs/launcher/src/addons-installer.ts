import { createKubeClient, isAlreadyExists, loadKubeconfig, ResourceRef } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { coreDnsObjects, kubeProxyObjects } from './kubeadm-addons';

/** The resource of each add-on object's kind (the add-ons use these and no others). */
function resourceOf(object: KubeObject): ResourceRef {
  const apiVersion = object.apiVersion ?? 'v1';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const kind = object.kind ?? '';
  return { group, version, resource: `${kind.toLowerCase()}s`, kind, namespaced: !!object.metadata.namespace };
}

/**
 * kubeadm's addon phase: creates kube-proxy and CoreDNS where they are missing. Objects that exist are
 * left as they are (a user's `kubectl scale deploy/coredns --replicas=0` survives a restart).
 */
export async function installAddons(kubeconfigPath: string, server: string): Promise<void> {
  const client = createKubeClient(loadKubeconfig(kubeconfigPath, 'kubeadm'));
  try {
    for (const object of [...kubeProxyObjects(server), ...coreDnsObjects()]) {
      try {
        await client.create(resourceOf(object), object.metadata.namespace ?? '', object);
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
      }
    }
  } finally {
    client.close();
  }
}
