import { newControllerRef } from '@drydock/kube';
import { isIP } from 'node:net';
import { canonicalJson } from '../util/controller-hash';
import { ANNOTATION_LAST_CHANGE_TRIGGER_TIME, EndpointAddress, EndpointPort, Endpoints, EndpointSlice, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, SlicePort } from '../util/network.types';
import { EndpointSet, endpointsEqualBeyondHash, portMapKey } from '../endpointslice/endpoint-set';
import type { SliceChanges } from '../endpointslice/endpointslice-plan';

/** The managed-by value of mirrored slices. */
export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
/** --mirroring-max-endpoints-per-subset default. */
export const MAX_ENDPOINTS_PER_SUBSET = 1000;
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

type AddressType = 'IPv4' | 'IPv6';

interface Desired {
  addressType: AddressType;
  ports: SlicePort[];
  endpoints: EndpointSet;
}

export interface MirrorPlan {
  changes: SliceChanges;
  /** Addresses that are not IPs (an InvalidIPAddress event). */
  invalid: number;
  /** Addresses not mirrored, invalid or beyond the per-subset maximum (a TooManyAddressesToMirror event when more than the invalid ones). */
  skipped: number;
}

/**
 * The endpointslicemirroring reconciler without the I/O: each subset of a hand-made Endpoints becomes
 * at most one slice per address type and set of ports (up to maxPerSubset addresses), labelled with
 * the Endpoints' labels plus service-name and managed-by, annotated with its annotations (trigger time
 * and last-applied aside), owned by the Endpoints. Existing mirrored slices are updated in place; extra
 * ones are deleted or recycled.
 */
export function planMirroredSlices(endpoints: Endpoints, existing: EndpointSlice[] = [], maxPerSubset = MAX_ENDPOINTS_PER_SUBSET): MirrorPlan {
  const desired = new Map<string, Desired>();
  let invalid = 0;
  let skipped = 0;
  for (const subset of endpoints.subsets ?? []) {
    const ports = (subset.ports ?? []).map(toSlicePort);
    for (const addressType of ['IPv4', 'IPv6'] as const) {
      const key = mapKey(addressType, ports);
      if (!desired.has(key)) desired.set(key, { addressType, ports, endpoints: new EndpointSet() });
    }
    const all = [...(subset.addresses ?? []).map((a) => [a, true] as const), ...(subset.notReadyAddresses ?? []).map((a) => [a, false] as const)];
    let added = 0;
    for (const [address, ready] of all) {
      if (added >= maxPerSubset) break;
      const family = isIP(address.ip);
      if (!family) {
        invalid++;
        continue;
      }
      desired.get(mapKey(family === 6 ? 'IPv6' : 'IPv4', ports))!.endpoints.insert(addressToEndpoint(address, ready));
      added++;
    }
    skipped += all.length - added;
  }
  const existingByKey = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    const key = mapKey(slice.addressType as AddressType, slice.ports ?? []);
    existingByKey.set(key, [...(existingByKey.get(key) ?? []), slice]);
  }
  const changes: SliceChanges = { create: [], update: [], delete: [] };
  for (const [key, wanted] of desired) {
    const planned = planByPortMapping(endpoints, existingByKey.get(key) ?? [], wanted, maxPerSubset);
    changes.create.push(...planned.create);
    changes.update.push(...planned.update);
    changes.delete.push(...planned.delete);
  }
  for (const [key, slices] of existingByKey) if (!desired.has(key)) changes.delete.push(...slices);
  return { changes: recycleSlices(changes), invalid, skipped };
}

function planByPortMapping(endpoints: Endpoints, existing: EndpointSlice[], wanted: Desired, max: number): SliceChanges {
  if (wanted.endpoints.size === 0) return { create: [], update: [], delete: existing };
  const [first, ...extra] = existing;
  const slice = mirroredSlice(endpoints, wanted.ports, wanted.addressType, first?.metadata.name);
  const values = wanted.endpoints.values();
  slice.endpoints = values.slice(0, max);
  if (first && unchanged(first, slice, wanted.endpoints)) return { create: [], update: [], delete: extra };
  if (first) slice.metadata.resourceVersion = first.metadata.resourceVersion;
  return first ? { create: [], update: [slice], delete: extra } : { create: [slice], update: [], delete: extra };
}

/** totalChanges found none, and the labels and annotations are already the Endpoints'. */
function unchanged(current: EndpointSlice, desired: EndpointSlice, wanted: EndpointSet): boolean {
  const endpoints = current.endpoints ?? [];
  const same = endpoints.length === wanted.size && endpoints.every((endpoint) => { const w = wanted.get(endpoint); return !!w && endpointsEqualBeyondHash(w, endpoint); });
  return same && canonicalJson(current.metadata.labels ?? {}) === canonicalJson(desired.metadata.labels ?? {})
    && canonicalJson(current.metadata.annotations ?? {}) === canonicalJson(desired.metadata.annotations ?? {});
}

/** newEndpointSlice of the mirroring controller. */
export function mirroredSlice(endpoints: Endpoints, ports: SlicePort[], addressType: AddressType, name?: string): EndpointSlice {
  const labels = { ...(endpoints.metadata.labels ?? {}), [LABEL_SERVICE_NAME]: endpoints.metadata.name!, [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER_NAME };
  const annotations = Object.fromEntries(Object.entries(endpoints.metadata.annotations ?? {}).filter(([key]) => key !== ANNOTATION_LAST_CHANGE_TRIGGER_TIME && key !== LAST_APPLIED_ANNOTATION));
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      ...(name ? { name } : { generateName: `${endpoints.metadata.name}-` }),
      namespace: endpoints.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [newControllerRef(endpoints, 'v1', 'Endpoints')],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

function addressToEndpoint(address: EndpointAddress, ready: boolean) {
  return {
    addresses: [address.ip],
    conditions: { ready },
    ...(address.targetRef ? { targetRef: address.targetRef } : {}),
    ...(address.nodeName ? { nodeName: address.nodeName } : {}),
    ...(address.hostname ? { hostname: address.hostname } : {}),
  };
}

function toSlicePort(port: EndpointPort): SlicePort {
  return { name: port.name ?? '', port: port.port, protocol: port.protocol ?? 'TCP', ...(port.appProtocol ? { appProtocol: port.appProtocol } : {}) };
}

function mapKey(addressType: AddressType, ports: SlicePort[]): string {
  return `${addressType}-${portMapKey(ports)}`;
}

/** recycleSlices: a create takes over the name of a slice of its address type that was to be deleted. */
function recycleSlices(changes: SliceChanges): SliceChanges {
  const create: EndpointSlice[] = [];
  const doomed = [...changes.delete];
  const update = [...changes.update];
  for (const slice of changes.create) {
    const index = doomed.findIndex((candidate) => candidate.addressType === slice.addressType);
    if (index < 0) {
      create.push(slice);
      continue;
    }
    const [reused] = doomed.splice(index, 1);
    const metadata = { ...slice.metadata, name: reused.metadata.name, resourceVersion: reused.metadata.resourceVersion };
    delete metadata.generateName;
    update.push({ ...slice, metadata });
  }
  return { create, update, delete: doomed };
}
