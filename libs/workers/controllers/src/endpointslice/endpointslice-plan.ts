import { canonicalJson } from '../util/controller-hash';
import type { EndpointSlice, Service, SlicePort } from '../util/network.types';
import { shouldPodBeInEndpoints } from '../util/service-membership';
import type { Pod } from '../util/workload.types';
import { EndpointSet, endpointsEqualBeyondHash, portMapKey } from './endpoint-set';
import { AddressType, addressTypesForService, endpointPorts, newEndpointSlice, ownedBy, podToEndpoint, sliceLabels } from './endpointslice-desired';

/** The writes one sync needs. Slices to create have a generateName; the others are the cached ones' copies. */
export interface SliceChanges {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

export interface SlicePlanInput {
  service: Service;
  pods: Pod[];
  /** The Service's slices managed by this controller (not pending deletion). */
  existing: EndpointSlice[];
  /** The node of that name: undefined when it does not exist; its zone label otherwise. */
  node(name: string): { zone?: string } | undefined;
  maxEndpointsPerSlice: number;
  controllerName: string;
}

/**
 * Reconciler.Reconcile of k8s.io/endpointslice, without the I/O: per address type the Service
 * supports, group the desired endpoints by their set of ports, keep endpoints in the slices that
 * already hold them (updating what changed), fill slices being updated, then fit the rest into an
 * unchanged slice or new ones of at most maxEndpointsPerSlice; an empty placeholder slice stands in
 * when a Service has no endpoints. Pods on nodes that do not exist are skipped and reported in
 * `errors` (so the Service is retried), unless the Service publishes not-ready addresses.
 */
export function planEndpointSlices(input: SlicePlanInput): { changes: SliceChanges; errors: string[] } {
  const supported = addressTypesForService(input.service);
  const changes: SliceChanges = { create: [], update: [], delete: input.existing.filter((slice) => !supported.includes(slice.addressType)) };
  const errors: string[] = [];
  for (const addressType of supported) {
    const planned = planByAddressType(input, input.existing.filter((slice) => slice.addressType === addressType), addressType, errors);
    changes.create.push(...planned.create);
    changes.update.push(...planned.update);
    changes.delete.push(...planned.delete);
  }
  return { changes: recycleDeletions(input.service, changes), errors };
}

function planByAddressType(input: SlicePlanInput, existing: EndpointSlice[], addressType: AddressType, errors: string[]): SliceChanges {
  const { service } = input;
  const toDelete = existing.filter((slice) => !ownedBy(slice, service));
  const existingByPorts = groupBy(existing.filter((slice) => ownedBy(slice, service)), (slice) => portMapKey(slice.ports));
  const desired = new Map<string, { ports: SlicePort[]; endpoints: EndpointSet }>();
  for (const pod of input.pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(service, pod);
    const key = portMapKey(ports);
    if (!desired.has(key)) desired.set(key, { ports, endpoints: new EndpointSet() });
    const nodeName = (pod.spec?.nodeName as string | undefined) ?? '';
    const node = input.node(nodeName);
    if (!node && service.spec?.publishNotReadyAddresses !== true) {
      errors.push(`skipping Pod ${pod.metadata.name} for Service ${service.metadata.namespace}/${service.metadata.name}: Node ${nodeName} Not Found`);
      continue;
    }
    const endpoint = podToEndpoint(pod, node?.zone, service, addressType);
    if (endpoint.addresses.length) desired.get(key)!.endpoints.insert(endpoint);
  }
  const changes: SliceChanges = { create: [], update: [], delete: toDelete };
  for (const [key, { ports, endpoints }] of desired) {
    const planned = planByPortMapping(input, existingByPorts.get(key) ?? [], endpoints, ports, addressType);
    changes.create.push(...planned.create);
    changes.update.push(...planned.update);
    changes.delete.push(...planned.delete);
  }
  for (const [key, slices] of existingByPorts) if (!desired.has(key)) changes.delete.push(...slices);
  if (existing.length === changes.delete.length && changes.create.length === 0) {
    const placeholder = newEndpointSlice(service, [], addressType, input.controllerName);
    if (changes.delete.length === 1 && isPlaceholderLike(changes.delete[0], placeholder)) changes.delete = [];
    else changes.create.push(placeholder);
  }
  return changes;
}

/** reconcileByPortMapping: the three steps over the slices of one set of ports. */
function planByPortMapping(input: SlicePlanInput, existing: EndpointSlice[], desired: EndpointSet, ports: SlicePort[], addressType: AddressType): SliceChanges {
  const { service, maxEndpointsPerSlice: max, controllerName } = input;
  const byName = new Map<string, EndpointSlice>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();
  for (const slice of existing) {
    byName.set(slice.metadata.name!, slice);
    const kept = [];
    let endpointUpdated = false;
    for (const endpoint of slice.endpoints ?? []) {
      const wanted = desired.get(endpoint);
      if (!wanted) continue;
      kept.push(wanted);
      if (!endpointsEqualBeyondHash(wanted, endpoint)) endpointUpdated = true;
      desired.delete(endpoint);
    }
    const { labels, changed } = sliceLabels(slice, service, controllerName);
    if (endpointUpdated || (slice.endpoints ?? []).length !== kept.length) {
      if (kept.length === 0) toDelete.add(slice.metadata.name!);
      else {
        byName.set(slice.metadata.name!, { ...structuredClone(slice), endpoints: kept, metadata: { ...structuredClone(slice.metadata), labels } });
        toUpdate.add(slice.metadata.name!);
      }
    } else if (changed) {
      byName.set(slice.metadata.name!, { ...structuredClone(slice), metadata: { ...structuredClone(slice.metadata), labels } });
      toUpdate.add(slice.metadata.name!);
    } else {
      unchanged.add(slice.metadata.name!);
    }
  }
  if (desired.size > 0 && toUpdate.size > 0) {
    const fullestFirst = [...toUpdate].map((name) => byName.get(name)!).sort((a, b) => b.endpoints.length - a.endpoints.length);
    for (const slice of fullestFirst) fill(slice, desired, max);
  }
  const create: EndpointSlice[] = [];
  while (desired.size > 0) {
    let slice: EndpointSlice | undefined;
    if (desired.size < max && unchanged.size > 0) slice = sliceToFill([...unchanged].map((name) => byName.get(name)!), desired.size, max);
    if (slice) {
      slice = structuredClone(slice);
      byName.set(slice.metadata.name!, slice);
      toUpdate.add(slice.metadata.name!);
      unchanged.delete(slice.metadata.name!);
    } else {
      slice = newEndpointSlice(service, ports, addressType, controllerName);
      create.push(slice);
    }
    fill(slice, desired, max);
  }
  return { create, update: [...toUpdate].map((name) => byName.get(name)!), delete: [...toDelete].map((name) => byName.get(name)!) };
}

function fill(slice: EndpointSlice, desired: EndpointSet, max: number): void {
  slice.endpoints ??= [];
  while (desired.size > 0 && slice.endpoints.length < max) slice.endpoints.push(desired.popAny()!);
}

/** getSliceToFill: the slice that will be closest to full once `count` endpoints are added to it. */
function sliceToFill(slices: EndpointSlice[], count: number, max: number): EndpointSlice | undefined {
  let closest: EndpointSlice | undefined;
  let closestDiff = max;
  for (const slice of slices) {
    const diff = max - (count + (slice.endpoints ?? []).length);
    if (diff >= 0 && diff < closestDiff) {
      closest = slice;
      closestDiff = diff;
      if (diff === 0) break;
    }
  }
  return closest;
}

/** placeholderSliceCompare: same namespace, labels, owners, address type, ports and endpoints. */
function isPlaceholderLike(slice: EndpointSlice, placeholder: EndpointSlice): boolean {
  const shape = (s: EndpointSlice) => canonicalJson({ namespace: s.metadata.namespace, labels: s.metadata.labels ?? {}, owners: s.metadata.ownerReferences ?? [], addressType: s.addressType, ports: s.ports ?? [], endpoints: s.endpoints ?? [] });
  return shape(slice) === shape(placeholder);
}

/** finalize's first step: a slice to create takes the name of an owned slice of its address type to delete (one update, not two writes). */
function recycleDeletions(service: Service, changes: SliceChanges): SliceChanges {
  const create = [...changes.create];
  const update = [...changes.update];
  const remaining: EndpointSlice[] = [];
  for (const doomed of changes.delete) {
    const last = create[create.length - 1];
    if (last && doomed.addressType === last.addressType && ownedBy(doomed, service)) {
      create.pop();
      const metadata = { ...last.metadata };
      delete metadata.generateName;
      update.push({ ...last, metadata: { ...metadata, name: doomed.metadata.name, resourceVersion: doomed.metadata.resourceVersion, uid: doomed.metadata.uid } });
    } else {
      remaining.push(doomed);
    }
  }
  return { create, update, delete: remaining };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
