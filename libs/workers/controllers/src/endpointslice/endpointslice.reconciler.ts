import { Informer, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { labelsContain, rfc3339Nano } from '@drydock/kube';
import { ANNOTATION_LAST_CHANGE_TRIGGER_TIME, EndpointSlice, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, Service } from '../util/network.types';
import { hasSelector, servicesSelecting, servicesToUpdateOnPodChange } from '../util/service-membership';
import { TriggerTimeTracker } from '../util/trigger-time-tracker';
import { StaleInformerCacheError, WriteTracker } from '../util/write-tracker';
import type { Node, Pod } from '../util/workload.types';
import { LABEL_TOPOLOGY_ZONE } from './endpointslice-desired';
import { planEndpointSlices } from './endpointslice-plan';
import { writeSliceChanges } from './slice-writer';

/** The managed-by value of this controller's slices. */
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
/** endpointSliceChangeMinSyncDelay: a burst of slice events costs one sync. */
const SLICE_CHANGE_MIN_SYNC_DELAY_MS = 1000;

/**
 * pkg/controller/endpointslice: keeps the EndpointSlices of every Service with a selector (labelled
 * kubernetes.io/service-name and managed-by endpointslice-controller.k8s.io, owned by the Service),
 * at most 100 endpoints each, one group per address type and set of ports.
 */
export class EndpointSliceReconciler extends QueueReconciler {
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly triggerTimes = new TriggerTimeTracker();
  private readonly tracker = new WriteTracker();

  constructor(ctx: ControllerContext, private readonly maxEndpointsPerSlice = MAX_ENDPOINTS_PER_SLICE) {
    super('endpointslice-controller', ctx, 'endpoint-slice-controller');
    this.services = ctx.informers.informerFor<Service>(resources.services);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    this.nodes = ctx.informers.informerFor<Node>(resources.nodes);
    this.slices = ctx.informers.informerFor<EndpointSlice>(resources.endpointslices);
    this.services.addEventHandler({ onAdd: (s) => this.enqueue(s), onUpdate: (_old, s) => this.enqueue(s), onDelete: (s) => this.enqueue(s) });
    this.pods.addEventHandler({
      onAdd: (pod) => this.enqueuePodServices(pod),
      onUpdate: (old, pod) => { for (const key of servicesToUpdateOnPodChange(this.services.list(pod.metadata.namespace), old, pod)) this.queue.add(key); },
      onDelete: (pod) => this.enqueuePodServices(pod),
    });
    this.slices.addEventHandler({
      onAdd: (slice) => this.sliceChanged(slice),
      onUpdate: (old, slice) => this.sliceUpdated(old, slice),
      onDelete: (slice) => this.sliceDeleted(slice),
    });
  }

  private enqueuePodServices(pod: Pod): void {
    for (const key of servicesSelecting(this.services.list(pod.metadata.namespace), pod.metadata.labels)) this.queue.add(key);
  }

  private managed(slice: EndpointSlice): boolean {
    return slice.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME;
  }

  private serviceKey(slice: EndpointSlice): string | undefined {
    const name = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    return name ? `${slice.metadata.namespace}/${name}` : undefined;
  }

  /** onEndpointSliceAdd/Update: someone else's change to one of our slices (or to its labels) is undone by a sync. */
  private sliceChanged(slice: EndpointSlice): void {
    const key = this.serviceKey(slice);
    if (key && this.managed(slice)) this.queue.addAfter(key, SLICE_CHANGE_MIN_SYNC_DELAY_MS);
  }

  private sliceUpdated(old: EndpointSlice, slice: EndpointSlice): void {
    const [oldKey, key] = [this.serviceKey(old), this.serviceKey(slice)];
    if (oldKey !== key) {
      for (const changed of [oldKey, key]) if (changed) this.queue.addAfter(changed, SLICE_CHANGE_MIN_SYNC_DELAY_MS);
    } else if (this.managed(old) !== this.managed(slice)) {
      if (key) this.queue.addAfter(key, SLICE_CHANGE_MIN_SYNC_DELAY_MS);
    } else {
      this.sliceChanged(slice);
    }
  }

  private sliceDeleted(slice: EndpointSlice): void {
    const key = this.serviceKey(slice);
    if (!key || !this.managed(slice)) return;
    this.tracker.observedDeletion(key, slice);
    this.queue.addAfter(key, SLICE_CHANGE_MIN_SYNC_DELAY_MS);
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const service = this.services.get(namespace, name);
    if (!service) {
      this.triggerTimes.delete(key);
      this.tracker.forgetOwner(key);
      return;
    }
    if (service.spec?.type === 'ExternalName' || !hasSelector(service)) return;
    const pods = this.pods.list(namespace).filter((pod) => labelsContain(pod.metadata.labels, service.spec!.selector!));
    const existing = this.slices.list(namespace).filter((slice) => slice.metadata.labels?.[LABEL_SERVICE_NAME] === name && this.managed(slice) && !slice.metadata.deletionTimestamp);
    if (this.tracker.isStale(key, existing)) throw new StaleInformerCacheError('EndpointSlice informer cache is out of date');
    const triggerTime = this.triggerTimes.compute(key, service, pods);
    const { changes, errors } = planEndpointSlices({
      service, pods, existing, maxEndpointsPerSlice: this.maxEndpointsPerSlice, controllerName: ENDPOINTSLICE_CONTROLLER_NAME,
      node: (nodeName) => { const node = this.nodes.get('', nodeName); return node && { zone: node.metadata.labels?.[LABEL_TOPOLOGY_ZONE] }; },
    });
    try {
      const owner = { key, kind: 'Service', namespace, name, deleting: !!service.metadata.deletionTimestamp };
      await writeSliceChanges(this.ctx.client, this.tracker, owner, changes, (slice) => withTriggerTime(slice, triggerTime));
    } catch (error) {
      errors.push((error as Error).message);
    }
    if (errors.length) {
      const message = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
      this.events.event({ ...service, apiVersion: 'v1', kind: 'Service' }, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${name}: ${message}`);
      throw new Error(message);
    }
  }
}

/** addTriggerTimeAnnotation: set, or removed when no change triggered this write. */
function withTriggerTime(slice: EndpointSlice, triggerTime: Date | undefined): EndpointSlice {
  const annotations = { ...(slice.metadata.annotations ?? {}) };
  if (triggerTime) annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME] = rfc3339Nano(triggerTime);
  else delete annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME];
  return { ...slice, metadata: { ...slice.metadata, annotations: Object.keys(annotations).length ? annotations : undefined } };
}
