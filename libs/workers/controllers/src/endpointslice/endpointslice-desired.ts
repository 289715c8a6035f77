import { newControllerRef } from '@drydock/kube';
import type { OwnerReference } from '@drydock/util';
import { EndpointSlice, LABEL_HEADLESS_SERVICE, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, Service, SliceEndpoint, SlicePort } from '../util/network.types';
import { isPodReady } from '../util/pod-status';
import { findPort, isIPv6, isServiceIPSet, podIPs, podSpec, shouldSetHostname } from '../util/service-membership';
import type { Pod } from '../util/workload.types';

export type AddressType = EndpointSlice['addressType'];

/** The zone label podToEndpoint copies from the pod's node. */
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

/** getAddressTypesForService: from spec.ipFamilies; else the cluster IP's family; a headless Service without families gets both. */
export function addressTypesForService(service: Service): AddressType[] {
  const families = (service.spec?.ipFamilies ?? []).filter((family) => family === 'IPv4' || family === 'IPv6') as AddressType[];
  if (families.length) return [...new Set(families)];
  if (isServiceIPSet(service)) return [isIPv6(service.spec!.clusterIP!) ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

/**
 * podToEndpoint: serving is the pod's readiness, terminating its deletion; ready is serving and not
 * terminating, or always when the Service publishes not-ready addresses.
 */
export function podToEndpoint(pod: Pod, nodeZone: string | undefined, service: Service, addressType: AddressType): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const spec = podSpec(pod);
  const endpoint: SliceEndpoint = {
    addresses: podIPs(pod).filter((ip) => isIPv6(ip) === (addressType === 'IPv6')),
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (spec.nodeName) endpoint.nodeName = spec.nodeName;
  if (nodeZone) endpoint.zone = nodeZone;
  if (shouldSetHostname(pod, service)) endpoint.hostname = spec.hostname;
  return endpoint;
}

/** getEndpointPorts: each Service port whose target the pod has; a headless Service may have none. */
export function endpointPorts(service: Service, pod: Pod): SlicePort[] {
  const ports: SlicePort[] = [];
  for (const servicePort of service.spec?.ports ?? []) {
    const port = findPort(pod, servicePort);
    if (port === undefined) continue;
    ports.push({ name: servicePort.name ?? '', port, protocol: servicePort.protocol ?? 'TCP', ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}) });
  }
  return ports;
}

/**
 * setEndpointSliceLabels: the Service's labels (the reserved ones aside) plus the headless label when
 * it has no cluster IP, the service-name label and the managed-by label. `changed` tells whether the
 * slice's own non-reserved labels differ from the Service's.
 */
export function sliceLabels(slice: EndpointSlice, service: Service, controllerName: string): { labels: Record<string, string>; changed: boolean } {
  const reserved = (key: string) => key === LABEL_SERVICE_NAME || key === LABEL_MANAGED_BY || key === LABEL_HEADLESS_SERVICE;
  const own = Object.entries(slice.metadata.labels ?? {}).filter(([key]) => !reserved(key));
  const labels: Record<string, string> = Object.fromEntries(Object.entries(service.metadata.labels ?? {}).filter(([key]) => !reserved(key)));
  const changed = own.length !== Object.keys(labels).length || own.some(([key, value]) => labels[key] !== value);
  if (!isServiceIPSet(service)) labels[LABEL_HEADLESS_SERVICE] = '';
  labels[LABEL_SERVICE_NAME] = service.metadata.name!;
  labels[LABEL_MANAGED_BY] = controllerName;
  return { labels, changed };
}

/** newEndpointSlice: `<service>-` generateName, owned by the Service, no endpoints yet. */
export function newEndpointSlice(service: Service, ports: SlicePort[], addressType: AddressType, controllerName: string): EndpointSlice {
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { generateName: `${service.metadata.name}-`, namespace: service.metadata.namespace, ownerReferences: [serviceOwnerReference(service)] },
    addressType,
    endpoints: [],
    ports,
  };
  slice.metadata.labels = sliceLabels(slice, service, controllerName).labels;
  return slice;
}

export function serviceOwnerReference(service: Service): OwnerReference {
  return newControllerRef(service, 'v1', 'Service');
}

/** ownedBy: one of the slice's owner references is this Service (by UID). */
export function ownedBy(slice: EndpointSlice, service: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some((ref) => ref.uid === service.metadata.uid && ref.kind === 'Service' && ref.apiVersion === 'v1');
}
