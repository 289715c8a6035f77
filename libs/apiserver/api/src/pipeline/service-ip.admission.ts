import { randomInt } from 'node:crypto';
import type { KubeObject } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import { needsClusterIP, needsNodePorts } from '@drydock/registry';
import type { AdmissionPlugin, AdmissionRequest } from './admission';

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

/**
 * Allocates Service cluster IPs (10.96.0.0/12, as kubeadm's default range) and node ports
 * (30000-32767) on create, and keeps them across updates that leave them out. Upstream does this in
 * the Service REST storage; in Drydock it is a mutating admission step, since strategies do no I/O.
 */
export class ServiceIpAdmission implements AdmissionPlugin {
  readonly name = 'ServiceIPAllocation';

  constructor(private readonly store: ObjectStore) {}

  async admit(request: AdmissionRequest): Promise<void> {
    if (request.def.group !== '' || request.def.resource !== 'services' || request.operation === 'DELETE') return;
    const spec = (request.object.spec ?? {}) as ServiceSpec;
    const old = (request.old?.spec ?? {}) as ServiceSpec;
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
    const used = new Set((await this.services(cluster)).map((s) => (s.spec as ServiceSpec | undefined)?.clusterIP));
    for (;;) {
      const candidate = ipFromOffset(2 + randomInt(serviceRangeSize - 3));
      if (!used.has(candidate)) return candidate;
    }
  }

  private async assignNodePorts(cluster: string, spec: ServiceSpec, old: ServiceSpec): Promise<void> {
    const used = new Set((await this.services(cluster)).flatMap((s) => ((s.spec as ServiceSpec | undefined)?.ports ?? []).map((p) => p.nodePort)));
    for (const [index, port] of (spec.ports ?? []).entries()) {
      if (port.nodePort) continue;
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
