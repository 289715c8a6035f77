import type { Logger } from 'pino';
import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import { kubeTime } from '@drydock/kube';
import type { ResourceDefinition } from '@drydock/registry';
import type { ClusterRegistries } from '../clusters/cluster-registries';
import { followCollection } from '../clusters/collection-follower';
import { customResourceDefinitionResources, establishCrd } from '../builtin-resources';
import { objectKey, type GenericStore } from '../rest/generic-store';
import type { WriteParams } from '../rest/request-context';
import type { Storage } from '../storage.adapter';
import { defaultStorageClass, systemPriorityClasses, kubernetesService, namespaceDefaults, namespaceObject, systemNamespaces } from './bootstrap-objects';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './bootstrap-policy';
import { reconcileBootstrapObject } from './bootstrap-reconcile';
import { bootstrapNamespaceRoleBindings, bootstrapNamespaceRoles } from './namespace-policy';
import { NamespaceFinalizer } from './namespace-finalizer';
import { availableCondition, crdApiServices, localApiServices } from './local-apiservices';
import { FlowControlConfiguration } from './flow-control-configuration';

const systemWrite: WriteParams = { dryRun: false, fieldManager: 'kube-apiserver', fieldValidation: 'Ignore' };

/**
 * What the API server itself keeps true in one logical cluster: the system namespaces, the bootstrap RBAC policy and the
 * `kubernetes` Service exist, established CRDs are served (in that cluster only), terminating namespaces are emptied.
 * Each loop follows the watch cache. The default cluster has one from the start; each sandbox cluster one while it exists.
 */
export class SystemLoops {
  private readonly subscriptions: { close(): void }[] = [];
  private readonly finalizer: NamespaceFinalizer;
  private readonly crdSources = new Set<string>();
  /** The APIService names each CRD registers (the crdRegistrationController's view). */
  private readonly crdApiServiceNames = new Map<string, string[]>();
  private readonly flowControl: FlowControlConfiguration;
  /** The watch cache held every commit made before the bootstrap began (see cached()). */
  private cacheFresh = false;

  constructor(
    private readonly storage: Storage,
    private readonly registries: ClusterRegistries,
    private readonly generic: GenericStore,
    private readonly logger: Logger,
    private readonly caCert: string,
    readonly cluster = 'default',
  ) {
    this.finalizer = new NamespaceFinalizer(storage.store, generic, registries, logger);
    this.flowControl = new FlowControlConfiguration(storage.watch, generic, (group, resource) => this.definition(group, resource), logger, cluster);
  }

  async start(): Promise<void> {
    // Upstream's APF configuration producer (the bootstrap FlowSchemas and priority levels, then kept so) beside
    // the other bootstrap objects: neither needs the other, and the store commits concurrent writes together.
    const [objects] = await Promise.allSettled([
      this.bootstrapObjects(),
      this.flowControl.start().catch((error) => this.logger.warn({ err: error, cluster: this.cluster }, 'priority and fairness configuration')),
    ]);
    // A failed start follows nothing, so that it can be tried again.
    if (objects.status === 'rejected') {
      this.flowControl.stop();
      throw objects.reason;
    }
    this.followCluster();
  }

  /**
   * start(), tried again while it fails, for at most `timeoutMs`: at start-up on a busy machine the
   * bootstrap's ~150 concurrent writes can wait past the pool's 5 s for a database connection, and one such
   * failure must not end the API server. Upstream's storage_rbac PostStartHook polls the same way for 30 s
   * before it gives up.
   */
  async startWithin(timeoutMs = 30_000): Promise<void> {
    await retryWithin(() => this.start(), timeoutMs, (error, delayMs) =>
      this.logger.warn({ err: error, cluster: this.cluster }, `could not create the cluster's system objects; trying again in ${delayMs} ms`),
    );
  }

  /** Follows the cluster's CRDs and namespaces (after its bootstrap objects exist, or when they are being restored). */
  followCluster(): void {
    this.follow('customresourcedefinitions.apiextensions.k8s.io', (crd, deleted) => this.onCrd(crd, deleted));
    this.follow('apiservices.apiregistration.k8s.io', (apiService, deleted) => {
      if (!deleted) void this.onApiService(apiService);
    });
    this.follow('namespaces', (namespace, deleted) => {
      if (deleted) return;
      if (namespace.metadata.deletionTimestamp) this.finalizer.onNamespace(namespace, this.cluster);
      else void this.namespaceDefaults(namespace.metadata.name!);
    });
  }

  stop(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.close();
    this.flowControl.stop();
    this.finalizer.stop();
    for (const source of this.crdSources) this.registries.replaceSource(this.cluster, source, []);
    this.crdSources.clear();
  }

  private definition(group: string, resource: string): ResourceDefinition {
    return this.registries.defaultRegistry.all().find((d) => d.group === group && d.resource === resource)!;
  }

  /** Creates a bootstrap role or binding, or gives an existing one what a newer policy added (reconcileBootstrapObject). */
  private async createOrReconcile(def: ResourceDefinition, namespace: string, object: KubeObject): Promise<void> {
    const cached = this.cached(def, namespace, object);
    if (cached && !reconcileBootstrapObject(cached, object)) return;
    if (!cached) {
      try {
        await this.generic.create(def, this.cluster, namespace, object, systemWrite);
        return;
      } catch (error) {
        if (!(error instanceof StatusError && error.reason === 'AlreadyExists')) throw error;
      }
    }
    const current = await this.generic.get(def, this.cluster, namespace, object.metadata.name!).catch(() => undefined);
    if (!current || !reconcileBootstrapObject(current, object)) return;
    await this.generic.update(def, this.cluster, namespace, object.metadata.name!, systemWrite, (latest) => {
      if (!latest) throw StatusError.notFound({ group: def.group, resource: def.resource }, object.metadata.name!);
      return reconcileBootstrapObject(latest, object) ?? latest;
    });
  }

  private async createIfMissing(def: ResourceDefinition, namespace: string, object: KubeObject): Promise<void> {
    if (this.cached(def, namespace, object)) return;
    try {
      await this.generic.create(def, this.cluster, namespace, object, systemWrite);
    } catch (error) {
      if (!(error instanceof StatusError && error.reason === 'AlreadyExists')) throw error;
    }
  }

  /**
   * The object as the watch cache holds it, once the cache has caught up with the store at the bootstrap's
   * start (`cacheFresh`), as upstream's storage_rbac hook gets an object before it creates or reconciles it:
   * an API server started again over a database that has the bootstrap objects (a restart, a second API
   * server) then writes nothing for them, where it sent ~200 creates through admission and the store's write
   * batches, each answered AlreadyExists, beside the clients' writes. Absent from the cache, or the cache
   * not caught up: created as before (AlreadyExists still handled).
   */
  private cached(def: ResourceDefinition, namespace: string, object: KubeObject): KubeObject | undefined {
    return this.cacheFresh ? this.storage.watch.cached(objectKey(def, this.cluster, namespace, object.metadata.name!)) : undefined;
  }

  /** The objects every cluster starts with; concurrent creates, so that the store commits them in few batches. */
  async bootstrapObjects(): Promise<void> {
    this.cacheFresh = await this.storage.watch.waitForLatest(5000).catch(() => false);
    await Promise.all(systemNamespaces.map((name) => this.createIfMissing(this.definition('', 'namespaces'), '', namespaceObject(name))));
    // Upstream's storage_rbac PostStartHook creates the bootstrap policy where it is missing (concurrently:
    // about 150 objects, and the store batches concurrent writes).
    const rbac = (resource: string, objects: KubeObject[]) => objects.map((object) => this.createOrReconcile(this.definition('rbac.authorization.k8s.io', resource), object.metadata.namespace ?? '', object));
    await Promise.all([
      this.createIfMissing(this.definition('', 'services'), 'default', kubernetesService()),
      ...rbac('clusterroles', bootstrapClusterRoles()),
      ...rbac('clusterrolebindings', bootstrapClusterRoleBindings()),
      ...rbac('roles', bootstrapNamespaceRoles()),
      ...rbac('rolebindings', bootstrapNamespaceRoleBindings()),
      this.createIfMissing(this.definition('storage.k8s.io', 'storageclasses'), '', defaultStorageClass()),
      // The autoregister controller's Local APIServices, one per served group/version.
      ...localApiServices(this.registries.defaultRegistry.all()).map((apiService) => this.createIfMissing(this.definition('apiregistration.k8s.io', 'apiservices'), '', apiService)),
      ...systemPriorityClasses().map((priorityClass) => this.createIfMissing(this.definition('scheduling.k8s.io', 'priorityclasses'), '', priorityClass)),
    ]);
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

  private follow(resource: string, handler: (object: KubeObject, deleted: boolean) => void): void {
    this.subscriptions.push(followCollection(this.storage.watch, { cluster: this.cluster, resource }, handler));
  }

  /** The aggregator's availability controller: the Available condition of each APIService. */
  private async onApiService(apiService: KubeObject): Promise<void> {
    const service = (apiService.spec as { service?: { namespace?: string; name?: string } } | undefined)?.service;
    const serviceExists = service ? await this.generic.get(this.definition('', 'services'), this.cluster, service.namespace ?? '', service.name ?? '').then(() => true, () => false) : false;
    const wanted = availableCondition(apiService, serviceExists);
    const conditions = ((apiService.status as { conditions?: Array<Record<string, string>> } | undefined)?.conditions ?? []);
    const current = conditions.find((c) => c.type === 'Available');
    if (current && current.status === wanted.status && current.reason === wanted.reason && current.message === wanted.message) return;
    const def = this.definition('apiregistration.k8s.io', 'apiservices');
    const lastTransitionTime = current?.status === wanted.status ? current.lastTransitionTime : kubeTime(new Date());
    const condition = { type: wanted.type, status: wanted.status, lastTransitionTime, reason: wanted.reason, message: wanted.message };
    await this.generic
      .update(def, this.cluster, '', apiService.metadata.name!, systemWrite, (stored) => ({ ...stored!, status: { conditions: [...conditions.filter((c) => c.type !== 'Available'), condition] } }), { subresource: 'status' })
      .catch((error) => this.logger.debug({ err: error, apiService: apiService.metadata.name }, 'APIService availability'));
  }

  /** An APIService per served version of each CRD, deleted when no CRD serves that group/version any more. */
  private syncCrdApiServices(crd: KubeObject, deleted: boolean): void {
    const def = this.definition('apiregistration.k8s.io', 'apiservices');
    const wanted = deleted ? [] : crdApiServices(crd);
    const before = this.crdApiServiceNames.get(crd.metadata.name!) ?? [];
    if (deleted) this.crdApiServiceNames.delete(crd.metadata.name!);
    else this.crdApiServiceNames.set(crd.metadata.name!, wanted.map((apiService) => apiService.metadata.name!));
    const stillServed = new Set([...this.crdApiServiceNames.values()].flat());
    const fail = (error: unknown) => this.logger.debug({ err: error, crd: crd.metadata.name }, 'CRD APIService');
    for (const apiService of wanted) this.createIfMissing(def, '', apiService).catch(fail);
    for (const name of before.filter((name) => !stillServed.has(name))) this.generic.delete(def, this.cluster, '', name, { dryRun: false }).catch(fail);
  }

  private onCrd(crd: KubeObject, deleted: boolean): void {
    const source = `crd:${crd.metadata.name}`;
    this.syncCrdApiServices(crd, deleted);
    if (deleted) {
      this.registries.replaceSource(this.cluster, source, []);
      this.crdSources.delete(source);
      return;
    }
    this.registries.replaceSource(this.cluster, source, customResourceDefinitionResources(crd));
    this.crdSources.add(source);
    const conditions = ((crd.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
    if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) return;
    const def = this.definition('apiextensions.k8s.io', 'customresourcedefinitions');
    this.generic
      .update(def, this.cluster, '', crd.metadata.name!, systemWrite, (current) => ({ ...current!, status: establishCrd(current!, new Date()) }), { subresource: 'status' })
      .catch((error) => this.logger.warn({ err: error, crd: crd.metadata.name }, 'could not establish CRD'));
  }
}

/**
 * Runs `step` until it succeeds, waiting 100 ms doubling to 2 s between tries (each failure reported), and
 * rethrows the last failure once the next try would start past `timeoutMs`.
 */
export async function retryWithin(step: () => Promise<void>, timeoutMs: number, onFailure: (error: unknown, delayMs: number) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delayMs = 100; ; delayMs = Math.min(delayMs * 2, 2000)) {
    try {
      return await step();
    } catch (error) {
      if (Date.now() + delayMs > deadline) throw error;
      onFailure(error, delayMs);
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
