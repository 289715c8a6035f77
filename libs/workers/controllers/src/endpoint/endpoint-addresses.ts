import type { EndpointAddress, EndpointPort, EndpointSubset, Service } from '../util/network.types';
import { isPodReady } from '../util/pod-status';
import { findPort, isIPv6, podIPs, podSpec, shouldPodBeInEndpoints, shouldSetHostname } from '../util/service-membership';
import type { Pod } from '../util/workload.types';
import { repackSubsets } from './endpoint-subsets';

/**
 * podToEndpointAddressForService: the pod's IP of the Service's first IP family (for a headless
 * Service without families, the family of the pod's primary IP), its node and a reference to it.
 */
export function podToEndpointAddress(service: Service, pod: Pod): EndpointAddress | undefined {
  const ips = podIPs(pod);
  const family = service.spec?.ipFamilies?.[0]
    ?? (service.spec?.clusterIP && service.spec.clusterIP !== 'None' ? (isIPv6(service.spec.clusterIP) ? 'IPv6' : 'IPv4') : isIPv6(ips[0] ?? '') ? 'IPv6' : 'IPv4');
  const ip = ips.find((candidate) => isIPv6(candidate) === (family === 'IPv6'));
  if (!ip) return undefined;
  return {
    ip,
    nodeName: podSpec(pod).nodeName ?? '',
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

/**
 * The subsets syncService computes: one (address, port) pair per pod and Service port whose target
 * port the pod has, ready when the pod is Ready or the Service publishes not-ready addresses, then
 * repacked. A headless Service without ports lists addresses without ports.
 */
export function desiredSubsets(service: Service, pods: Pod[]): EndpointSubset[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const subsets: EndpointSubset[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const found = podToEndpointAddress(service, pod);
    if (!found) continue;
    const address = shouldSetHostname(pod, service) ? { ...found, hostname: podSpec(pod).hostname } : found;
    const ready = publishNotReady || isPodReady(pod);
    const add = (ports: EndpointPort[]) => subsets.push(ready ? { addresses: [address], ports } : { notReadyAddresses: [address], ports });
    const servicePorts = service.spec?.ports ?? [];
    if (servicePorts.length === 0) {
      if (service.spec?.clusterIP === 'None') add([]);
      continue;
    }
    for (const servicePort of servicePorts) {
      const port = findPort(pod, servicePort);
      if (port === undefined) continue;
      add([{ ...(servicePort.name ? { name: servicePort.name } : {}), port, protocol: servicePort.protocol ?? 'TCP', ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}) }]);
    }
  }
  return repackSubsets(subsets);
}
