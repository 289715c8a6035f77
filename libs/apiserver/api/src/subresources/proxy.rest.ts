import type { ServerResponse } from 'node:http';
import type { ObjectStore } from '@drydock/storage';
import type { SubresourceCall, SubresourceRest } from '@drydock/registry';
import { kubeletEndpointOf } from '../kubelet/kubelet-target';
import { proxyToPod } from '../kubelet/pod-network-proxy';
import { podProxyLocation, ProxyLocation, serviceProxyLocation, unavailable } from './proxy-location';

const locations = { pods: podProxyLocation, services: serviceProxyLocation };

/**
 * `pods/NAME[:PORT]/proxy/PATH` and `services/NAME[:PORT]/proxy/PATH` (upstream's ProxyREST, a
 * rest.Connecter for every method): the request goes on to PATH at the pod, or at one ready endpoint of
 * the Service, and the pod's server answers (nginx's page…). Without a path, a redirect to `…/proxy/`
 * as upstream's proxy handler answers (kubernetes issue 4958).
 */
export class ProxyRest implements SubresourceRest {
  constructor(
    private readonly resource: keyof typeof locations,
    private readonly store: ObjectStore,
    private readonly kubeletToken: string,
  ) {}

  async proxy({ cluster, namespace, name, req }: SubresourceCall, res: ServerResponse): Promise<void> {
    const location: ProxyLocation = await locations[this.resource](this.store, cluster, namespace, name);
    const { pathname, search } = new URL(req.url ?? '/', 'http://apiserver');
    const path = /\/proxy(\/.*)?$/.exec(pathname)?.[1] ?? '';
    if (!path) {
      res.writeHead(301, { Location: `${pathname}/${search}` });
      return void res.end();
    }
    if (location.scheme === 'https') throw unavailable('error trying to reach service: tls: first record does not look like a TLS handshake');
    const endpoint = await kubeletEndpointOf(this.store, cluster, location.pod);
    const target = { endpoint, namespace: location.pod.metadata.namespace ?? namespace, pod: location.pod.metadata.name ?? '', podIP: location.podIP, port: location.port };
    await proxyToPod(req, res, target, path, this.kubeletToken);
  }
}
