import { metaNamespaceKey } from '@drydock/client';
import { labelsContain } from '@drydock/kube';
import type { Service, ServicePort } from './network.types';
import { isPodReady } from './pod-status';
import type { Pod } from './workload.types';

/**
 * What decides which pods a Service's endpoints hold (k8s.io/endpointslice/util and
 * pkg/controller/util/endpoint), shared by the Endpoints and EndpointSlice controllers.
 */

interface PodNetworkSpec {
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
  containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
  initContainers?: { restartPolicy?: string; ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
}

export function podSpec(pod: Pod): PodNetworkSpec {
  return (pod.spec ?? {}) as PodNetworkSpec;
}

/** status.podIPs, falling back to status.podIP (what an older kubelet writes). */
export function podIPs(pod: Pod): string[] {
  const status = (pod.status ?? {}) as { podIP?: string; podIPs?: { ip: string }[] };
  const listed = (status.podIPs ?? []).map((entry) => entry.ip).filter(Boolean);
  return listed.length ? listed : status.podIP ? [status.podIP] : [];
}

export function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/**
 * A Service selects pods only through a non-empty `spec.selector`: a missing one means its endpoints
 * are managed by hand (an empty map does too, as etcd's protobuf stores it as none).
 */
export function hasSelector(service: Service): boolean {
  return !!service.spec?.selector && Object.keys(service.spec.selector).length > 0;
}

export function serviceSelects(service: Service, labels: Record<string, string> | undefined): boolean {
  return hasSelector(service) && labelsContain(labels, service.spec!.selector!);
}

/** helper.IsServiceIPSet: neither headless (`None`) nor unset. */
export function isServiceIPSet(service: Service): boolean {
  const clusterIP = service.spec?.clusterIP;
  return !!clusterIP && clusterIP !== 'None';
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless `includeTerminating`. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (podIPs(pod).length === 0) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** ShouldSetHostname: the pod names a hostname and this Service as its subdomain. */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  const spec = podSpec(pod);
  return !!spec.hostname && spec.subdomain === service.metadata.name && service.metadata.namespace === pod.metadata.namespace;
}

/**
 * FindPort: a numeric targetPort as is; a named one looked up among the pod's container ports of the
 * same protocol (and those of restartable init containers, the sidecars). Undefined when not found.
 */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  const spec = podSpec(pod);
  const sidecars = (spec.initContainers ?? []).filter((container) => container.restartPolicy === 'Always');
  for (const container of [...(spec.containers ?? []), ...sidecars]) {
    const port = (container.ports ?? []).find((candidate) => candidate.name === target && (candidate.protocol ?? 'TCP') === protocol);
    if (port) return port.containerPort;
  }
  return undefined;
}

/** podEndpointsChanged: [whether the pod's endpoint changed, whether its Service membership may have]. */
export function podEndpointsChanged(old: Pod, pod: Pod): [boolean, boolean] {
  const oldSpec = podSpec(old);
  const spec = podSpec(pod);
  const labelsChanged = JSON.stringify(sortedEntries(old.metadata.labels)) !== JSON.stringify(sortedEntries(pod.metadata.labels))
    || oldSpec.hostname !== spec.hostname || oldSpec.subdomain !== spec.subdomain;
  if (old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp) return [true, labelsChanged];
  if (isPodReady(old) !== isPodReady(pod)) return [true, labelsChanged];
  if (podIPs(old).join(',') !== podIPs(pod).join(',')) return [true, labelsChanged];
  if (old.status?.phase !== pod.status?.phase) return [true, labelsChanged];
  return [false, labelsChanged];
}

function sortedEntries(labels: Record<string, string> | undefined): [string, string][] {
  return Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The keys of the Services in `namespace` that select these labels. */
export function servicesSelecting(services: Service[], labels: Record<string, string> | undefined): Set<string> {
  return new Set(services.filter((service) => serviceSelects(service, labels)).map((service) => metaNamespaceKey(service)));
}

/**
 * GetServicesToUpdateOnPodChange: none when nothing relevant changed; the Services selecting the pod
 * when only the pod changed; when its labels changed, the union (pod changed too) or the symmetric
 * difference (labels only) of the Services selecting its old and new labels.
 */
export function servicesToUpdateOnPodChange(services: Service[], old: Pod, pod: Pod): Set<string> {
  if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return new Set();
  const [podChanged, labelsChanged] = podEndpointsChanged(old, pod);
  if (!podChanged && !labelsChanged) return new Set();
  const current = servicesSelecting(services, pod.metadata.labels);
  if (!labelsChanged) return current;
  const previous = servicesSelecting(services, old.metadata.labels);
  if (podChanged) return new Set([...current, ...previous]);
  return new Set([...current, ...previous].filter((key) => current.has(key) !== previous.has(key)));
}
