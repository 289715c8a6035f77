import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '@drydock/util';
import { Informer, isAlreadyExists, isNotFound, resources } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { isActive, isNamespaceTerminatingError } from './namespace-state';

export const rootCaConfigMapName = 'kube-root-ca.crt';
const descriptionAnnotation = 'kubernetes.io/description';
const description =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

/**
 * pkg/controller/certificates/rootcacertpublisher: every active namespace has the ConfigMap
 * `kube-root-ca.crt` whose `ca.crt` is the API server's CA (the controller-manager's root CA); one
 * deleted is created again, one edited is put back. Keys are namespace names.
 */
export class RootCaCertPublisherReconciler extends QueueReconciler {
  private readonly namespaces: Informer;
  private readonly configMaps: Informer;

  constructor(ctx: ControllerContext, private readonly rootCa: string) {
    super('root-ca-cert-publisher', ctx, 'root-ca-cert-publisher');
    this.namespaces = ctx.informers.informerFor(resources.namespaces);
    this.configMaps = ctx.informers.informerFor(resources.configmaps);
    const enqueueNamespace = (namespace: KubeObject) => this.queue.add(namespace.metadata.name!);
    this.namespaces.onAdd(enqueueNamespace).onUpdate((_old, namespace) => enqueueNamespace(namespace));
    const enqueueOwner = (configMap: KubeObject) => {
      if (configMap.metadata.name === rootCaConfigMapName) this.queue.add(configMap.metadata.namespace!);
    };
    this.configMaps.onUpdate((_old, configMap) => enqueueOwner(configMap)).onDelete(enqueueOwner);
  }

  async sync(namespaceName: string): Promise<void> {
    const namespace = this.namespaces.get('', namespaceName);
    if (!namespace || !isActive(namespace)) return;
    const data = { 'ca.crt': this.rootCa };
    const current = this.configMaps.get(namespaceName, rootCaConfigMapName);
    try {
      if (!current) {
        const metadata = { name: rootCaConfigMapName, namespace: namespaceName, annotations: { [descriptionAnnotation]: description } };
        await this.ctx.client.create(resources.configmaps, namespaceName, { apiVersion: 'v1', kind: 'ConfigMap', metadata, data });
        return;
      }
      if (isDeepStrictEqual(current.data, data) && current.metadata.annotations?.[descriptionAnnotation]) return;
      const annotations = { ...current.metadata.annotations, [descriptionAnnotation]: description };
      await this.ctx.client.update(resources.configmaps, { ...current, metadata: { ...current.metadata, annotations }, data });
    } catch (error) {
      if (!isAlreadyExists(error) && !isNotFound(error) && !isNamespaceTerminatingError(error)) throw error;
    }
  }
}
