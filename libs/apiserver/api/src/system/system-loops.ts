import type { Logger } from 'pino';
import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import { ResourceDefinition, ResourceRegistry } from '@drydock/registry';
import { customResourceDefinitionResources, establishCrd } from '../builtin-resources';
import type { GenericStore } from '../rest/generic-store';
import type { WriteParams } from '../rest/request-context';
import type { Storage } from '../storage.adapter';
import { defaultStorageClass, systemPriorityClasses, kubernetesService, namespaceDefaults, namespaceObject, systemNamespaces } from './bootstrap-objects';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './bootstrap-policy';
import { bootstrapNamespaceRoleBindings, bootstrapNamespaceRoles } from './namespace-policy';
import { NamespaceFinalizer } from './namespace-finalizer';

const cluster = 'default';
const systemWrite: WriteParams = { dryRun: false, fieldManager: 'kube-apiserver', fieldValidation: 'Ignore' };

/**
 * What the API server itself keeps true: the system namespaces, the bootstrap RBAC policy and the `kubernetes` Service exist,
 * established CRDs are served, terminating namespaces are emptied. Each loop follows the watch cache.
 */
export class SystemLoops {
  private readonly subscriptions: { close(): void }[] = [];
  private readonly finalizer: NamespaceFinalizer;

  constructor(
    private readonly storage: Storage,
    private readonly registry: ResourceRegistry,
    private readonly generic: GenericStore,
    private readonly logger: Logger,
    private readonly caCert: string,
  ) {
    this.finalizer = new NamespaceFinalizer(storage.store, registry, logger);
  }

  async start(): Promise<void> {
    await this.bootstrapObjects();
    this.follow('customresourcedefinitions.apiextensions.k8s.io', (crd, deleted) => this.onCrd(crd, deleted));
    this.follow('namespaces', (namespace, deleted) => {
      if (deleted) return;
      if (namespace.metadata.deletionTimestamp) this.finalizer.onNamespace(namespace, cluster);
      else void this.namespaceDefaults(namespace.metadata.name!);
    });
  }

  stop(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.close();
  }

  private definition(group: string, resource: string): ResourceDefinition {
    return this.registry.all().find((d) => d.group === group && d.resource === resource)!;
  }

  private async createIfMissing(def: ResourceDefinition, namespace: string, object: KubeObject): Promise<void> {
    try {
      await this.generic.create(def, cluster, namespace, object, systemWrite);
    } catch (error) {
      if (!(error instanceof StatusError && error.reason === 'AlreadyExists')) throw error;
    }
  }

  private async bootstrapObjects(): Promise<void> {
    for (const name of systemNamespaces) await this.createIfMissing(this.definition('', 'namespaces'), '', namespaceObject(name));
    await this.createIfMissing(this.definition('', 'services'), 'default', kubernetesService());
    // Upstream's storage_rbac PostStartHook creates the bootstrap policy where it is missing (concurrently:
    // about 150 objects, and the store batches concurrent writes).
    const rbac = (resource: string, objects: KubeObject[]) => objects.map((object) => this.createIfMissing(this.definition('rbac.authorization.k8s.io', resource), object.metadata.namespace ?? '', object));
    await Promise.all([
      ...rbac('clusterroles', bootstrapClusterRoles()),
      ...rbac('clusterrolebindings', bootstrapClusterRoleBindings()),
      ...rbac('roles', bootstrapNamespaceRoles()),
      ...rbac('rolebindings', bootstrapNamespaceRoleBindings()),
    ]);
    await this.createIfMissing(this.definition('storage.k8s.io', 'storageclasses'), '', defaultStorageClass());
    for (const priorityClass of systemPriorityClasses()) await this.createIfMissing(this.definition('scheduling.k8s.io', 'priorityclasses'), '', priorityClass);
  }

  /**
   * The default ServiceAccount and kube-root-ca.crt of a new namespace (idempotent). Upstream leaves both
   * to the controller-manager (its serviceaccount and root-ca-cert-publisher controllers, which Drydock's
   * controller-manager runs too and which recreate them when deleted); the API server makes them at once
   * as well so that a pod can be admitted (ServiceAccount admission needs `default`) in a Drydock that
   * runs without a controller-manager, as the worker test harnesses do.
   */
  private async namespaceDefaults(namespace: string): Promise<void> {
    for (const { resource, object } of namespaceDefaults(namespace, this.caCert)) {
      await this.createIfMissing(this.definition('', resource), namespace, object).catch((error) => this.logger.debug({ err: error, namespace }, 'namespace defaults'));
    }
  }

  /** Calls `handler` for every current object of a resource and for every later change. */
  private follow(resource: string, handler: (object: KubeObject, deleted: boolean) => void): void {
    const filter = { cluster, resource };
    const snapshot = this.storage.watch.snapshot(filter);
    for (const object of snapshot.items) handler(object, false);
    this.subscriptions.push(this.storage.watch.watch(filter, snapshot.revision, (events) => events.forEach((e) => handler(e.object, e.type === 'DELETED'))));
  }

  private onCrd(crd: KubeObject, deleted: boolean): void {
    const source = `crd:${crd.metadata.name}`;
    if (deleted) {
      this.registry.replaceSource(source, []);
      return;
    }
    this.registry.replaceSource(source, customResourceDefinitionResources(crd));
    const conditions = ((crd.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
    if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) return;
    const def = this.definition('apiextensions.k8s.io', 'customresourcedefinitions');
    this.generic
      .update(def, cluster, '', crd.metadata.name!, systemWrite, (current) => ({ ...current!, status: establishCrd(current!, new Date()) }), { subresource: 'status' })
      .catch((error) => this.logger.warn({ err: error, crd: crd.metadata.name }, 'could not establish CRD'));
  }
}
