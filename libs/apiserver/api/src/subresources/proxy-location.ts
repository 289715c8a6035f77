import { isIPv4 } from 'node:net';
import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';

/** Where a pods/proxy or services/proxy request goes: a pod (by its node's kubelet) and a port on its address. */
export interface ProxyLocation {
  scheme: string;
  pod: KubeObject;
  podIP: string;
  port: number;
}

/** utilnet.SplitSchemeNamePort: `name`, `name:port` or `scheme:name:port`, scheme `http`, `https` or empty. */
export function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const parts = id.split(':');
  if (parts.length > 3) return undefined;
  const [scheme, name, port] = parts.length === 3 ? parts : ['', parts[0], parts[1] ?? ''];
  return name && ['http', 'https', ''].includes(scheme) ? { scheme, name, port } : undefined;
}

type Store = Pick<ObjectStore, 'get'>;

/**
 * pod.ResourceLocation: `name[:port]`; without a port the first declared container port (else the
 * scheme's default). A pod without an address (not started yet) is `address not allowed`, as upstream.
 */
export async function podProxyLocation(store: Store, cluster: string, namespace: string, id: string): Promise<ProxyLocation> {
  const parts = splitSchemeNamePort(id);
  if (!parts) throw StatusError.badRequest(`invalid pod request ${JSON.stringify(id)}`);
  const pod = await store.get({ cluster, resource: 'pods', namespace, name: parts.name });
  if (!pod) throw StatusError.notFound({ group: '', resource: 'pods' }, parts.name);
  const containers = ((pod.spec ?? {}) as { containers?: Array<{ ports?: Array<{ containerPort: number }> }> }).containers ?? [];
  const declared = containers.find((container) => container.ports?.length)?.ports?.[0].containerPort;
  const podIP = (pod.status as { podIP?: string } | undefined)?.podIP ?? '';
  if (!isIPv4(podIP) || podIP.startsWith('127.') || podIP === '0.0.0.0') throw StatusError.badRequest('address not allowed');
  const port = parts.port ? Number(parts.port) : declared ?? (parts.scheme === 'https' ? 443 : 80);
  return { scheme: parts.scheme, pod, podIP, port };
}

interface EndpointSubset {
  addresses?: Array<{ ip: string; targetRef?: { kind?: string; name?: string; namespace?: string } }>;
  ports?: Array<{ name?: string; port: number }>;
}

/**
 * service.ResourceLocation: `name[:port]` (port a number or a port's name), then a random ready
 * address of the Endpoints with that port, with upstream's 404s and 503s.
 */
export async function serviceProxyLocation(store: Store, cluster: string, namespace: string, id: string): Promise<ProxyLocation> {
  const parts = splitSchemeNamePort(id);
  if (!parts) throw StatusError.badRequest(`invalid service request ${JSON.stringify(id)}`);
  let portName = parts.port;
  if (/^\d+$/.test(parts.port)) {
    const service = await store.get({ cluster, resource: 'services', namespace, name: parts.name });
    if (!service) throw StatusError.notFound({ group: '', resource: 'services' }, parts.name);
    const servicePort = ((service.spec as { ports?: Array<{ name?: string; port: number }> } | undefined)?.ports ?? []).find((p) => p.port === Number(parts.port));
    if (!servicePort) throw unavailable(`no service port ${parts.port} found for service ${JSON.stringify(parts.name)}`);
    portName = servicePort.name ?? '';
  }
  const endpoints = await store.get({ cluster, resource: 'endpoints', namespace, name: parts.name });
  if (!endpoints) throw StatusError.notFound({ group: '', resource: 'endpoints' }, parts.name);
  const subsets = (endpoints.subsets ?? []) as EndpointSubset[];
  if (subsets.length === 0) throw unavailable(`no endpoints available for service ${JSON.stringify(parts.name)}`);
  for (const subset of subsets) {
    const port = (subset.ports ?? []).find((p) => (p.name ?? '') === portName);
    const addresses = subset.addresses ?? [];
    if (!port || addresses.length === 0) continue;
    const address = addresses[Math.floor(Math.random() * addresses.length)];
    const pod = address.targetRef?.kind === 'Pod' && address.targetRef.name ? await store.get({ cluster, resource: 'pods', namespace: address.targetRef.namespace ?? namespace, name: address.targetRef.name }) : undefined;
    if (!pod) throw unavailable(`error trying to reach service: dial tcp ${address.ip}:${port.port}: connect: no route to host`);
    return { scheme: parts.scheme, pod, podIP: address.ip, port: port.port };
  }
  throw unavailable(`no endpoints available for service ${JSON.stringify(id)}`);
}

export function unavailable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}
