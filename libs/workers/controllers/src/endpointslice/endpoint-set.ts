import { canonicalJson } from '../util/controller-hash';
import type { SliceEndpoint, SlicePort } from '../util/network.types';

/**
 * EndpointSet: endpoints keyed by what identifies them (addresses, hostname, target namespace and
 * name), so a change of conditions, node or zone updates an endpoint in place. Insertion-ordered.
 */
export class EndpointSet {
  private readonly items = new Map<string, SliceEndpoint>();

  insert(endpoint: SliceEndpoint): void {
    this.items.set(endpointHash(endpoint), endpoint);
  }

  get(endpoint: SliceEndpoint): SliceEndpoint | undefined {
    return this.items.get(endpointHash(endpoint));
  }

  delete(endpoint: SliceEndpoint): void {
    this.items.delete(endpointHash(endpoint));
  }

  popAny(): SliceEndpoint | undefined {
    const first = this.items.entries().next();
    if (first.done) return undefined;
    this.items.delete(first.value[0]);
    return first.value[1];
  }

  get size(): number {
    return this.items.size;
  }

  values(): SliceEndpoint[] {
    return [...this.items.values()];
  }
}

function endpointHash(endpoint: SliceEndpoint): string {
  return JSON.stringify([[...endpoint.addresses].sort(), endpoint.hostname ?? '', endpoint.targetRef?.namespace ?? '', endpoint.targetRef?.name ?? '']);
}

/** EndpointsEqualBeyondHash: node, zone, the three conditions and the target (its resourceVersion aside). */
export function endpointsEqualBeyondHash(a: SliceEndpoint, b: SliceEndpoint): boolean {
  const target = (endpoint: SliceEndpoint) => (endpoint.targetRef ? canonicalJson({ ...endpoint.targetRef, resourceVersion: undefined }) : '');
  return a.nodeName === b.nodeName && a.zone === b.zone
    && a.conditions?.ready === b.conditions?.ready && a.conditions?.serving === b.conditions?.serving && a.conditions?.terminating === b.conditions?.terminating
    && target(a) === target(b);
}

/** NewPortMapKey: the same set of ports in any order gives the same key (no ports and none alike). */
export function portMapKey(ports: SlicePort[] | undefined): string {
  return JSON.stringify((ports ?? []).map((port) => canonicalJson(port)).sort());
}
