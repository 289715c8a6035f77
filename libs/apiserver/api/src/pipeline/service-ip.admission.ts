import { randomInt } from 'node:crypto';
import { KubeObject, isPlainObject } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import { defaultIpFamilies, keepAllocatedValues, needsClusterIP, needsNodePorts } from '@drydock/registry';
import type { AdmissionRequest, MutatingAdmissionPlugin } from './admission';

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: { nodePort?: number }[];
}

const serviceRangeSize = 1 << 20; // 10.96.0.0/12

function ipFromOffset(offset: number): string {
  const base = (10 << 24) | (96 << 16);
  const value = base + offset;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Picks a free cluster IP given the ones in use. */
export type ClusterIpAllocator = (used: ReadonlySet<string | undefined>) => string;

/** A random free address of 10.96.0.0/12 (network, .1 for the `kubernetes` Service and broadcast excluded). */
export const randomClusterIp: ClusterIpAllocator = (used) => {
  for (;;) {
    const candidate = ipFromOffset(2 + randomInt(serviceRangeSize - 3));
    if (!used.has(candidate)) return candidate;
  }
};

/**
 * Allocates Service cluster IPs (10.96.0.0/12, as kubeadm's default range) and node ports
 * (30000-32767) on create, and keeps them across updates that leave them out. Upstream does this in
 * the Service REST storage's BeginCreate/BeginUpdate, before the strategy's prepare and validate; in
 * Drydock it is a mutating admission step at the same place, since strategies do no I/O.
 */
export class ServiceIpAdmission implements MutatingAdmissionPlugin {
  readonly name = 'ServiceIPAllocation';

  constructor(
    private readonly store: ObjectStore,
    private readonly allocate: ClusterIpAllocator = randomClusterIp,
  ) {}

  async admit(request: AdmissionRequest): Promise<void> {
    if (request.def.group !== '' || request.def.resource !== 'services' || request.operation === 'DELETE' || request.subresource) return;
    const spec = (request.object.spec ?? {}) as ServiceSpec;
    const old = (request.old?.spec ?? {}) as ServiceSpec;
    // As upstream's allocator (beginCreate/beginUpdate): keep what the old object had allocated and
    // normalize clusterIP/clusterIPs before deciding what is missing. The strategy's prepare repeats
    // both (idempotent) for writes that bypass admission.
    if (request.old) keepAllocatedValues(spec as Record<string, unknown>, old as Record<string, unknown>);
    defaultIpFamilies(spec as Record<string, unknown>);
    if (!spec.clusterIP && old.clusterIP) {
      spec.clusterIP = old.clusterIP;
      spec.clusterIPs = old.clusterIPs ?? [old.clusterIP];
    }
    if (needsClusterIP(spec as Record<string, unknown>) && !spec.clusterIP) {
      spec.clusterIP = await this.freeAddress(request.cluster);
      spec.clusterIPs = [spec.clusterIP];
    } else if (spec.clusterIP && !spec.clusterIPs?.length) {
      spec.clusterIPs = [spec.clusterIP];
    }
    if (needsNodePorts(spec as Record<string, unknown>)) await this.assignNodePorts(request.cluster, spec, old);
    request.object.spec = spec;
  }

  private async services(cluster: string): Promise<KubeObject[]> {
    return (await this.store.list({ cluster, resource: 'services' })).items;
  }

  private async freeAddress(cluster: string): Promise<string> {
    return this.allocate(new Set((await this.services(cluster)).map((s) => (s.spec as ServiceSpec | undefined)?.clusterIP)));
  }

  private async assignNodePorts(cluster: string, spec: ServiceSpec, old: ServiceSpec): Promise<void> {
    const used = new Set((await this.services(cluster)).flatMap((s) => ((s.spec as ServiceSpec | undefined)?.ports ?? []).map((p) => p.nodePort)));
    // Mutating admission runs before validation: a malformed port is left for validate to refuse.
    for (const [index, port] of (Array.isArray(spec.ports) ? spec.ports : []).entries()) {
      if (!isPlainObject(port) || port.nodePort) continue;
      const kept = old.ports?.[index]?.nodePort;
      if (kept) {
        port.nodePort = kept;
        continue;
      }
      let candidate: number;
      do candidate = 30000 + randomInt(2768);
      while (used.has(candidate));
      used.add(candidate);
      port.nodePort = candidate;
    }
  }
}
