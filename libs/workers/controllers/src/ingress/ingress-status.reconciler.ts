import type { KubeObject } from '@drydock/util';
import { Informer, isNotFound, resources, splitMetaNamespaceKey } from '@drydock/client';
import { jsonEqual } from '@drydock/util';
import { ControllerContext, QueueReconciler } from '../controller-context';

/** The controller name ingress-nginx's IngressClasses carry. */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
/** ingress-nginx's --publish-service as its deploy.yaml sets it: its Service's address is the Ingresses'. */
const PUBLISH_SERVICE = { namespace: 'ingress-nginx', name: 'ingress-nginx-controller' };
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/**
 * What the simulated ingress-nginx controller writes (its status sync): every Ingress of an
 * IngressClass whose controller is `k8s.io/ingress-nginx` (named, or the default class for an Ingress
 * naming none) gets the external address of the controller's LoadBalancer Service in
 * status.loadBalancer.ingress; once the Service has none, the status is emptied.
 */
export class IngressStatusReconciler extends QueueReconciler {
  private readonly ingresses: Informer<KubeObject>;
  private readonly classes: Informer<KubeObject>;
  private readonly services: Informer<KubeObject>;

  constructor(ctx: ControllerContext) {
    super('ingress-nginx-status', ctx);
    this.ingresses = ctx.informers.informerFor<KubeObject>(resources.ingresses);
    this.classes = ctx.informers.informerFor<KubeObject>(resources.ingressclasses);
    this.services = ctx.informers.informerFor<KubeObject>(resources.services);
    this.ingresses.addEventHandler({ onAdd: (i) => this.enqueue(i), onUpdate: (_old, i) => this.enqueue(i) });
    const all = () => this.ingresses.list().forEach((i) => this.enqueue(i));
    this.classes.addEventHandler({ onAdd: all, onUpdate: all, onDelete: all });
    const published = (s: KubeObject) => s.metadata.namespace === PUBLISH_SERVICE.namespace && s.metadata.name === PUBLISH_SERVICE.name && all();
    this.services.addEventHandler({ onAdd: published, onUpdate: (_old, s) => published(s), onDelete: published });
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const ingress = this.ingresses.get(namespace, name);
    if (!ingress || ingress.metadata.deletionTimestamp || !this.servedByIngressNginx(ingress)) return;
    const service = this.services.get(PUBLISH_SERVICE.namespace, PUBLISH_SERVICE.name);
    const addresses = ((service?.status as { loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> } } | undefined)?.loadBalancer?.ingress ?? []).map((entry) => (entry.ip ? { ip: entry.ip } : { hostname: entry.hostname }));
    const current = (ingress.status as { loadBalancer?: { ingress?: unknown[] } } | undefined)?.loadBalancer?.ingress ?? [];
    if (jsonEqual(current, addresses)) return;
    try {
      await this.ctx.client.patch(resources.ingresses, namespace, name, { status: { loadBalancer: { ingress: addresses.length ? addresses : null } } }, 'merge', { subresource: 'status' });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** The Ingress's class (spec.ingressClassName, the legacy annotation, else the default class) is ingress-nginx's. */
  private servedByIngressNginx(ingress: KubeObject): boolean {
    const named = (ingress.spec as { ingressClassName?: string } | undefined)?.ingressClassName ?? ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
    const ingressClass = named ? this.classes.get('', named) : this.classes.list().find((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
    return (ingressClass?.spec as { controller?: string } | undefined)?.controller === INGRESS_NGINX_CONTROLLER;
  }
}
