import type { KubeObject } from '@drydock/util';
import { ClosableKubeClient, resources } from '@drydock/client';
import { createNamespace, eventually, useControllers } from './support/use-controllers';

type Json = KubeObject & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ns = 'endpoints-e2e';

/** A pod as a kubelet would leave it: on node-1, with an IP, Ready or not. */
async function runningPod(client: ClosableKubeClient, name: string, labels: Record<string, string>, ip: string, options: { ready?: boolean; ports?: object[]; hostname?: string; subdomain?: string } = {}): Promise<void> {
  const spec = { nodeName: 'node-1', hostname: options.hostname, subdomain: options.subdomain, containers: [{ name: 'c', image: 'nginx', ports: options.ports }] };
  await client.create(resources.pods, ns, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec });
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const conditions = [{ type: 'Ready', status: options.ready === false ? 'False' : 'True', lastTransitionTime: now }];
  await client.patch(resources.pods, ns, name, { status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions } }, 'merge', { subresource: 'status' });
}

/** eventually(), returning what the probe found (polling every 20 ms up to `timeoutMs`). */
async function found<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  let value: T | undefined;
  await eventually(what, async () => (value = await probe()) !== undefined, timeoutMs);
  return value!;
}

const service = (name: string, spec: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ...spec } });

describe('the Endpoints and EndpointSlice controllers against a real Drydock', () => {
  const harness = useControllers({ manager: false });
  const slicesOf = async (name: string) => (await harness().client.list<Json>(resources.endpointslices, { namespace: ns, labelSelector: `kubernetes.io/service-name=${name}` })).items;

  beforeAll(async () => {
    // Only these: node lifecycle would mark the pods of this kubelet-less node not ready after its grace period.
    await harness().startManager({ controllers: ['endpoint', 'endpointslice', 'endpointslicemirroring'] });
    await createNamespace(harness().client, ns);
    await harness().client.create(resources.nodes, '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } });
  });

  it('resolves a named targetPort per pod, lists unready pods apart, and publishes them with publishNotReadyAddresses', async () => {
    const { client } = harness();
    await runningPod(client, 'api-a', { app: 'api' }, '10.244.0.10', { ports: [{ name: 'http', containerPort: 8000 }] });
    await runningPod(client, 'api-b', { app: 'api' }, '10.244.0.11', { ports: [{ name: 'http', containerPort: 9000 }] });
    await runningPod(client, 'api-c', { app: 'api' }, '10.244.0.12', { ready: false, ports: [{ name: 'http', containerPort: 8000 }] });
    await client.create(resources.services, ns, service('api', { ports: [{ name: 'web', port: 80, targetPort: 'http' }] }));
    const endpoints = await found('Endpoints api with 2 subsets', async () => {
      const current = await client.get<Json>(resources.endpoints, ns, 'api');
      return current?.subsets?.length === 2 ? current : undefined;
    });
    const byPort = Object.fromEntries(endpoints.subsets.map((s: Json) => [s.ports[0].port, [s.addresses?.map((a: Json) => a.ip) ?? [], s.notReadyAddresses?.map((a: Json) => a.ip) ?? []]]));
    expect(byPort).toEqual({ 8000: [['10.244.0.10'], ['10.244.0.12']], 9000: [['10.244.0.11'], []] });
    const slices = await found('two slices for api', async () => { const current = await slicesOf('api'); return current.length === 2 ? current : undefined; });
    expect(slices.map((s) => s.ports[0].port).sort()).toEqual([8000, 9000]);
    const unready = slices.flatMap((s) => s.endpoints).find((e: Json) => e.targetRef.name === 'api-c');
    expect(unready).toMatchObject({ conditions: { ready: false, serving: false, terminating: false }, nodeName: 'node-1', zone: 'zone-a' });

    await client.patch(resources.services, ns, 'api', { spec: { publishNotReadyAddresses: true } }, 'merge');
    await eventually('api-c ready in the Endpoints', async () => {
      const current = await client.get<Json>(resources.endpoints, ns, 'api');
      return !!current?.subsets?.every((s: Json) => !s.notReadyAddresses) && current.subsets.some((s: Json) => s.addresses.some((a: Json) => a.ip === '10.244.0.12'));
    });
  });

  it('gives a headless Service hostnames of pods whose subdomain names it, and the headless label', async () => {
    const { client } = harness();
    await runningPod(client, 'db-0', { app: 'db' }, '10.244.0.20', { hostname: 'db-0', subdomain: 'db' });
    await client.create(resources.services, ns, service('db', { clusterIP: 'None', ports: [{ port: 5432 }] }));
    const endpoints = await found('Endpoints db', async () => { const current = await client.get<Json>(resources.endpoints, ns, 'db'); return current?.subsets ? current : undefined; });
    expect(endpoints.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(endpoints.subsets[0].addresses[0]).toMatchObject({ ip: '10.244.0.20', hostname: 'db-0' });
    const [slice] = await found('a slice for db', async () => { const current = await slicesOf('db'); return current[0]?.endpoints?.length ? current : undefined; });
    expect(slice.metadata.labels?.['service.kubernetes.io/headless']).toBe('');
    expect(slice.endpoints[0].hostname).toBe('db-0');
  });

  it('splits 230 endpoints into slices of at most 100', async () => {
    const { client } = harness();
    await client.create(resources.services, ns, service('many', { ports: [{ port: 80 }] }));
    await Promise.all(Array.from({ length: 230 }, (_, i) => runningPod(client, `many-${i}`, { app: 'many' }, `10.245.${Math.floor(i / 200)}.${i % 200}`)));
    const slices = await found('230 endpoints in slices', async () => {
      const current = await slicesOf('many');
      return current.reduce((n, s) => n + (s.endpoints?.length ?? 0), 0) === 230 ? current : undefined;
    }, 60_000);
    expect(slices.length).toBe(3);
    expect(slices.every((s) => s.endpoints.length <= 100)).toBe(true);
    await eventually('230 addresses in the Endpoints', async () => (await client.get<Json>(resources.endpoints, ns, 'many'))?.subsets?.[0]?.addresses?.length === 230);
  });
});
