import { canonicalJson } from '../util/controller-hash';
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../util/network.types';

/** Endpoints' maxCapacity: beyond this many addresses the controller truncates and annotates. */
export const MAX_ENDPOINTS_CAPACITY = 1000;

/** The ports-less sentinel RepackSubsets uses so a headless Service without ports keeps its addresses. */
const NO_PORT = '{"port":-1}';

/**
 * RepackSubsets: expands subsets to (port, address, ready) and packs them back so every group of
 * addresses offering the same ports is one subset; an address not ready on any port is not ready.
 * Addresses are deduplicated by IP and pod UID and sorted by IP then UID; subsets and ports come in
 * a stable order (upstream orders them by an md5 of Go's printing, which cannot be reproduced here).
 */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const addresses = new Map<string, EndpointAddress>();
  const readinessByPort = new Map<string, Map<string, boolean>>();
  for (const subset of subsets) {
    const ports = subset.ports?.length ? subset.ports.map(portKey) : [NO_PORT];
    for (const port of ports) {
      let readiness = readinessByPort.get(port);
      if (!readiness) readinessByPort.set(port, (readiness = new Map()));
      for (const [list, ready] of [[subset.addresses ?? [], true], [subset.notReadyAddresses ?? [], false]] as const) {
        for (const address of list) {
          const key = addressKey(address);
          if (!addresses.has(key)) addresses.set(key, address);
          if (readiness.get(key) !== false) readiness.set(key, ready);
        }
      }
    }
  }
  const portsBySet = new Map<string, { readiness: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const [port, readiness] of readinessByPort) {
    const setKey = JSON.stringify([...readiness.entries()].sort(([a], [b]) => compareStrings(a, b)));
    const group = portsBySet.get(setKey) ?? { readiness, ports: [] };
    if (port !== NO_PORT) group.ports.push(JSON.parse(port) as EndpointPort);
    portsBySet.set(setKey, group);
  }
  return sortSubsets([...portsBySet.values()].map(({ readiness, ports }) => {
    const ready = [...readiness].filter(([, r]) => r).map(([key]) => addresses.get(key)!);
    const notReady = [...readiness].filter(([, r]) => !r).map(([key]) => addresses.get(key)!);
    return { ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ...(ports.length ? { ports } : {}) };
  }));
}

function portKey(port: EndpointPort): string {
  return canonicalJson(port);
}

function addressKey(address: EndpointAddress): string {
  return `${address.ip}\u0000${address.targetRef?.uid ?? ''}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** LessEndpointAddress: by IP bytes, then by target UID (an address without a target first). */
function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  return compareStrings(a.ip, b.ip) || compareStrings(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');
}

/** SortSubsets: addresses by IP and UID, ports and subsets in a stable canonical order. */
export function sortSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  for (const subset of subsets) {
    subset.addresses?.sort(compareAddresses);
    subset.notReadyAddresses?.sort(compareAddresses);
    subset.ports?.sort((a, b) => compareStrings(a.name ?? '', b.name ?? '') || a.port - b.port || compareStrings(a.protocol ?? '', b.protocol ?? ''));
  }
  return subsets.sort((a, b) => compareStrings(canonicalJson(a), canonicalJson(b)));
}

/**
 * truncateEndpoints: keeps at most MAX_ENDPOINTS_CAPACITY addresses, ready ones first, each subset
 * keeping its proportional share (rounded up). Returns whether anything was cut.
 */
export function truncateSubsets(subsets: EndpointSubset[]): boolean {
  const totalReady = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  const totalNotReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return false;
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady;
  const total = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const subset of subsets) {
    const inSubset = (truncateReady ? subset.addresses : subset.notReadyAddresses)?.length ?? 0;
    const toBeAdded = Math.min(Math.ceil((inSubset / total) * max), canBeAdded);
    if (truncateReady) {
      subset.addresses = subset.addresses?.slice(0, toBeAdded);
      subset.notReadyAddresses = [];
      canBeAdded -= subset.addresses?.length ?? 0;
    } else {
      subset.notReadyAddresses = subset.notReadyAddresses?.slice(0, toBeAdded);
      canBeAdded -= subset.notReadyAddresses?.length ?? 0;
    }
  }
  return true;
}

/** capacityAnnotationSetCorrectly: under capacity and not annotated as truncated. */
export function capacityAnnotationSetCorrectly(annotations: Record<string, string> | undefined, subsets: EndpointSubset[] | undefined, annotation: string): boolean {
  const count = (subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
  return count <= MAX_ENDPOINTS_CAPACITY && !(annotations && annotation in annotations);
}

/** endpointSubsetsEqualIgnoreResourceVersion: equal apart from the targets' resourceVersion. */
export function subsetsEqual(a: EndpointSubset[] | undefined, b: EndpointSubset[] | undefined): boolean {
  const normal = (subsets: EndpointSubset[] | undefined) => canonicalJson((subsets ?? []).map((subset) => ({
    addresses: (subset.addresses ?? []).map(withoutResourceVersion),
    notReadyAddresses: (subset.notReadyAddresses ?? []).map(withoutResourceVersion),
    ports: subset.ports ?? [],
  })));
  return normal(a) === normal(b);
}

function withoutResourceVersion(address: EndpointAddress): EndpointAddress {
  if (!address.targetRef?.resourceVersion) return address;
  const targetRef = { ...address.targetRef };
  delete targetRef.resourceVersion;
  return { ...address, targetRef };
}
