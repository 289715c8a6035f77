import type { KubeObject } from '@drydock/util';
import { Informer, isAlreadyExists, isNotFound, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { labelsContain, rfc3339Nano } from '@drydock/kube';
import { ANNOTATION_LAST_CHANGE_TRIGGER_TIME, ANNOTATION_LEADER_ELECTION, ANNOTATION_OVER_CAPACITY, Endpoints, LABEL_HEADLESS_SERVICE, Service } from '../util/network.types';
import { hasSelector, isServiceIPSet, servicesSelecting, servicesToUpdateOnPodChange } from '../util/service-membership';
import { TriggerTimeTracker } from '../util/trigger-time-tracker';
import { hasStatusCause } from '../util/status-cause';
import { StaleInformerCacheError } from '../util/write-tracker';
import type { Pod } from '../util/workload.types';
import { desiredSubsets } from './endpoint-addresses';
import { capacityAnnotationSetCorrectly, subsetsEqual, truncateSubsets } from './endpoint-subsets';

/**
 * pkg/controller/endpoint: keeps one Endpoints object per Service with a selector, named after it,
 * listing the selected pods' addresses (ready and not ready) on each Service port. Services without
 * a selector and ExternalName Services are left alone; an Endpoints without its Service is deleted.
 */
export class EndpointsReconciler extends QueueReconciler {
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly triggerTimes = new TriggerTimeTracker();
  /** staleEndpointsTracker: the resourceVersion each of our updates replaced; a cache still showing it is behind. */
  private readonly replacedVersions = new Map<string, string>();

  constructor(ctx: ControllerContext) {
    super('endpoint-controller', ctx);
    this.services = ctx.informers.informerFor<Service>(resources.services);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    this.endpoints = ctx.informers.informerFor<Endpoints>(resources.endpoints);
    this.services.addEventHandler({ onAdd: (s) => this.enqueue(s), onUpdate: (_old, s) => this.enqueue(s), onDelete: (s) => this.enqueue(s) });
    this.pods.addEventHandler({
      onAdd: (pod) => this.enqueuePodServices(pod),
      onUpdate: (old, pod) => { for (const key of servicesToUpdateOnPodChange(this.services.list(pod.metadata.namespace), old, pod)) this.queue.add(key); },
      onDelete: (pod) => this.enqueuePodServices(pod),
    });
    this.endpoints.addEventHandler({ onDelete: (endpoints) => this.enqueue(endpoints) });
  }

  /** checkLeftoverEndpoints: once, every Endpoints, so those whose Service went while we were down are deleted. */
  override run(workers: number): Promise<void> {
    for (const endpoints of this.endpoints.list()) {
      if (!endpoints.metadata.annotations?.[ANNOTATION_LEADER_ELECTION]) this.enqueue(endpoints);
    }
    return super.run(workers);
  }

  private enqueuePodServices(pod: Pod): void {
    for (const key of servicesSelecting(this.services.list(pod.metadata.namespace), pod.metadata.labels)) this.queue.add(key);
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const service = this.services.get(namespace, name);
    if (!service) return this.serviceDeleted(key, namespace, name);
    if (service.spec?.type === 'ExternalName' || !hasSelector(service)) return;
    const pods = this.pods.list(namespace).filter((pod) => labelsContain(pod.metadata.labels, service.spec!.selector!));
    const triggerTime = this.triggerTimes.compute(key, service, pods);
    const subsets = desiredSubsets(service, pods);
    const current = this.endpoints.get(namespace, name);
    if (current && this.replacedVersions.get(key) === current.metadata.resourceVersion) {
      throw new StaleInformerCacheError(`endpoints informer cache is out of date, resource version ${current.metadata.resourceVersion} already processed for endpoints ${key}`);
    }
    const compareLabels = { ...(current?.metadata.labels ?? {}) };
    delete compareLabels[LABEL_HEADLESS_SERVICE];
    if (current && subsetsEqual(current.subsets, subsets) && sameMap(compareLabels, service.metadata.labels)
      && capacityAnnotationSetCorrectly(current.metadata.annotations, current.subsets, ANNOTATION_OVER_CAPACITY)) return;
    const desired = desiredEndpoints(service, current, subsets, triggerTime);
    await this.write(key, service, current, desired);
  }

  private async serviceDeleted(key: string, namespace: string, name: string): Promise<void> {
    try {
      await this.ctx.client.delete(resources.endpoints, namespace, name);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.triggerTimes.delete(key);
    this.replacedVersions.delete(key);
  }

  private async write(key: string, service: Service, current: Endpoints | undefined, desired: Endpoints): Promise<void> {
    const { namespace, name } = service.metadata;
    try {
      if (!current) {
        await this.ctx.client.create<Endpoints>(resources.endpoints, namespace!, desired);
        return;
      }
      const updated = await this.ctx.client.update<Endpoints>(resources.endpoints, desired);
      if (updated.metadata.resourceVersion !== current.metadata.resourceVersion) this.replacedVersions.set(key, current.metadata.resourceVersion!);
    } catch (error) {
      if (!current && hasStatusCause(error, 'NamespaceTerminating')) return;
      if (!current && isAlreadyExists(error)) throw new StaleInformerCacheError(`endpoints informer cache is out of date: endpoints ${key} already exists`);
      const typed: KubeObject = { ...desired, apiVersion: 'v1', kind: 'Endpoints' };
      if (!current) this.events.event(typed, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${(error as Error).message}`);
      else this.events.event(typed, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${(error as Error).message}`);
      throw error;
    }
  }
}

/**
 * The Endpoints object to write: the current one (or a new one named after the Service) with the
 * Service's labels plus the headless label when it has no cluster IP, the trigger-time annotation,
 * and the subsets, truncated to capacity with the over-capacity annotation when needed.
 */
export function desiredEndpoints(service: Service, current: Endpoints | undefined, subsets: Endpoints['subsets'], triggerTime: Date | undefined): Endpoints {
  const base: Endpoints = current ? structuredClone(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: service.metadata.name, namespace: service.metadata.namespace } };
  const endpoints: Endpoints = { ...base, subsets: structuredClone(subsets) };
  const annotations: Record<string, string> = { ...(base.metadata.annotations ?? {}) };
  if (triggerTime) annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME] = rfc3339Nano(triggerTime);
  else delete annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME];
  if (truncateSubsets(endpoints.subsets!)) annotations[ANNOTATION_OVER_CAPACITY] = 'truncated';
  else delete annotations[ANNOTATION_OVER_CAPACITY];
  const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
  if (!isServiceIPSet(service)) labels[LABEL_HEADLESS_SERVICE] = '';
  else delete labels[LABEL_HEADLESS_SERVICE];
  endpoints.metadata = { ...base.metadata, labels: Object.keys(labels).length ? labels : undefined, annotations: Object.keys(annotations).length ? annotations : undefined };
  if (!endpoints.subsets?.length) delete endpoints.subsets;
  return endpoints;
}

/** Semantic.DeepEqual of two label maps (nil and empty are equal). */
function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const left = Object.entries(a ?? {});
  return left.length === Object.keys(b ?? {}).length && left.every(([key, value]) => b?.[key] === value);
}
