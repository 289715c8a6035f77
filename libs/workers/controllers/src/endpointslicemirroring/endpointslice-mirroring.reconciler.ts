import { Informer, isNotFound, resources, splitMetaNamespaceKey } from '@drydock/client';
import { ControllerContext, QueueReconciler } from '../controller-context';
import { writeSliceChanges } from '../endpointslice/slice-writer';
import { ANNOTATION_LEADER_ELECTION, Endpoints, EndpointSlice, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_SKIP_MIRROR, Service } from '../util/network.types';
import { hasSelector } from '../util/service-membership';
import { StaleInformerCacheError, WriteTracker } from '../util/write-tracker';
import { MAX_ENDPOINTS_PER_SUBSET, MIRRORING_CONTROLLER_NAME, planMirroredSlices } from './mirroring-plan';

/**
 * pkg/controller/endpointslicemirroring: for a Service without a selector whose Endpoints someone
 * wrote by hand, mirrors those Endpoints into EndpointSlices (what kube-proxy and DNS read). Endpoints
 * labelled endpointslice.kubernetes.io/skip-mirror=true, leader-election Endpoints, and Endpoints
 * without a selector-less Service are not mirrored (their mirrored slices are deleted).
 */
export class EndpointSliceMirroringReconciler extends QueueReconciler {
  private readonly endpoints: Informer<Endpoints>;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly tracker = new WriteTracker();

  constructor(ctx: ControllerContext, private readonly maxPerSubset = MAX_ENDPOINTS_PER_SUBSET) {
    super('endpointslicemirroring-controller', ctx, 'endpoint-slice-mirroring-controller');
    this.endpoints = ctx.informers.informerFor<Endpoints>(resources.endpoints);
    this.services = ctx.informers.informerFor<Service>(resources.services);
    this.slices = ctx.informers.informerFor<EndpointSlice>(resources.endpointslices);
    this.endpoints.addEventHandler({
      onAdd: (e) => { if (shouldMirror(e)) this.enqueue(e); },
      onUpdate: (old, e) => { if (shouldMirror(old) || shouldMirror(e)) this.enqueue(e); },
      onDelete: (e) => { if (shouldMirror(e)) this.enqueue(e); },
    });
    this.services.addEventHandler({
      onAdd: (s) => { if (!hasSelector(s)) this.enqueue(s); },
      onUpdate: (old, s) => { if (hasSelector(old) !== hasSelector(s)) this.enqueue(s); },
      onDelete: (s) => { if (!hasSelector(s)) this.enqueue(s); },
    });
    this.slices.addEventHandler({
      onAdd: (slice) => this.sliceChanged(slice),
      onUpdate: (old, slice) => { if (old.metadata.labels?.[LABEL_SERVICE_NAME] !== slice.metadata.labels?.[LABEL_SERVICE_NAME] || managed(old) !== managed(slice)) this.sliceChanged(old, true); this.sliceChanged(slice); },
      onDelete: (slice) => { const key = endpointsKey(slice); if (key && managed(slice)) { this.tracker.observedDeletion(key, slice); this.queue.add(key); } },
    });
  }

  private sliceChanged(slice: EndpointSlice, always = false): void {
    const key = endpointsKey(slice);
    if (key && (always || managed(slice))) this.queue.add(key);
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const endpoints = this.endpoints.get(namespace, name);
    const service = this.services.get(namespace, name);
    if (!endpoints || !shouldMirror(endpoints) || !service || hasSelector(service)) return this.deleteMirrored(key, namespace, name);
    const existing = this.mirrored(namespace, name);
    if (this.tracker.isStale(key, existing)) throw new StaleInformerCacheError('EndpointSlice informer cache is out of date');
    const { changes, invalid, skipped } = planMirroredSlices(endpoints, existing, this.maxPerSubset);
    const typed = { ...endpoints, apiVersion: 'v1', kind: 'Endpoints' };
    if (invalid > 0) this.events.event(typed, 'Warning', 'InvalidIPAddress', `Skipped ${invalid} invalid IP addresses when mirroring to EndpointSlices`);
    if (skipped > invalid) this.events.event(typed, 'Warning', 'TooManyAddressesToMirror', `A max of ${this.maxPerSubset} addresses can be mirrored to EndpointSlices per Endpoints subset. ${skipped} addresses were skipped`);
    await writeSliceChanges(this.ctx.client, this.tracker, { key, kind: 'Endpoints', namespace, name, deleting: !!endpoints.metadata.deletionTimestamp }, changes);
  }

  private mirrored(namespace: string, name: string): EndpointSlice[] {
    return this.slices.list(namespace).filter((slice) => slice.metadata.labels?.[LABEL_SERVICE_NAME] === name && managed(slice));
  }

  private async deleteMirrored(key: string, namespace: string, name: string): Promise<void> {
    this.tracker.forgetOwner(key);
    const failures: string[] = [];
    const slices = this.mirrored(namespace, name);
    for (const slice of slices) {
      try {
        await this.ctx.client.delete(resources.endpointslices, namespace, slice.metadata.name!);
      } catch (error) {
        if (!isNotFound(error)) failures.push((error as Error).message);
      }
    }
    if (failures.length) throw new Error(`Error(s) deleting ${failures.length}/${slices.length} EndpointSlices for ${namespace}/${name} Endpoints, including: ${failures[0]}`);
  }
}

/** shouldMirror: not skip-mirror, not a leader-election lock. */
function shouldMirror(endpoints: Endpoints): boolean {
  return endpoints.metadata.labels?.[LABEL_SKIP_MIRROR] !== 'true' && !endpoints.metadata.annotations?.[ANNOTATION_LEADER_ELECTION];
}

function managed(slice: EndpointSlice): boolean {
  return slice.metadata.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME;
}

function endpointsKey(slice: EndpointSlice): string | undefined {
  const name = slice.metadata.labels?.[LABEL_SERVICE_NAME];
  return name ? `${slice.metadata.namespace}/${name}` : undefined;
}
