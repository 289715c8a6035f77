import { createKubeClient, isAlreadyExists, loadKubeconfig, ResourceRef } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { ingressNginxObjects } from './ingress-nginx-addon';
import { coreDnsObjects, kubeProxyObjects } from './kubeadm-addons';

/** The resource of each add-on object's kind (the add-ons use these and no others). */
function resourceOf(object: KubeObject): ResourceRef {
  const apiVersion = object.apiVersion ?? 'v1';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const kind = object.kind ?? '';
  const plural = kind.toLowerCase().endsWith('s') ? `${kind.toLowerCase()}es` : `${kind.toLowerCase()}s`;
  return { group, version, resource: plural, kind, namespaced: !!object.metadata.namespace };
}

/**
 * kubeadm's addon phase: creates kube-proxy and CoreDNS where they are missing, and the optional
 * add-ons named (`ingress-nginx`). Objects that exist are
 * left as they are (a user's `kubectl scale deploy/coredns --replicas=0` survives a restart).
 */
export async function installAddons(kubeconfigPath: string, server: string, optional: string[] = []): Promise<void> {
  const client = createKubeClient(loadKubeconfig(kubeconfigPath, 'kubeadm'));
  const extra = optional.includes('ingress-nginx') ? ingressNginxObjects() : [];
  try {
    for (const object of [...kubeProxyObjects(server), ...coreDnsObjects(), ...extra]) {
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
