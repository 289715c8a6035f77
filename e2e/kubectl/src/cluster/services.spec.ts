process.env.DRYDOCK_CLOCK_SCALE = '10';

import { cells, expectSuccess, lines } from '../harness/expectations';
import { Json } from '../harness/json';
import { getJson } from '../harness/use-drydock';
import { eventually, livePods, nodesReady, runningPods, useClusterDrydock } from './support/cluster';

const sortedIPs = (pods: Json[]) => pods.map((pod) => pod.status.podIP as string).sort();

describe('a Service answers with the ready pods it selects (Endpoints and EndpointSlices)', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);

  beforeAll(async () => {
    await nodesReady(drydock());
  });

  it('expose deploy web --port=80 → get endpoints and get endpointslices list the 3 ready pods on port 80', async () => {
    expectSuccess(await kubectl('create', 'deployment', 'web', '--image=nginx', '--replicas=3'));
    const pods = await runningPods(drydock(), 'app=web', 3);
    expect(expectSuccess(await kubectl('expose', 'deploy', 'web', '--port=80'))).toBe('service/web exposed\n');
    const expected = sortedIPs(pods).map((ip) => `${ip}:80`);

    const endpointsRow = await eventually('get endpoints web to list 3 addresses', async () => {
      const row = cells(lines(expectSuccess(await kubectl('get', 'endpoints', 'web', '--no-headers')))[0]);
      return row[1].split(',').length === 3 ? row : undefined;
    });
    expect(endpointsRow[0]).toBe('web');
    expect(endpointsRow[1].split(',').sort()).toEqual(expected);

    const endpoints = await getJson(drydock(), ['endpoints', 'web']);
    expect(endpoints.metadata.labels).toEqual({ app: 'web' });
    expect(endpoints.metadata.annotations['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(endpoints.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(endpoints.subsets[0].addresses.map((a: Json) => a.targetRef.kind)).toEqual(['Pod', 'Pod', 'Pod']);

    const slices = await eventually('one EndpointSlice with 3 ready endpoints', async () => {
      const list = (await getJson(drydock(), ['endpointslices', '-l', 'kubernetes.io/service-name=web'])).items;
      return list.length === 1 && list[0].endpoints?.filter((e: Json) => e.conditions.ready).length === 3 ? list : undefined;
    });
    const [slice] = slices;
    expect(slice.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice.metadata.labels).toEqual({ app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice.metadata.ownerReferences).toEqual([expect.objectContaining({ apiVersion: 'v1', kind: 'Service', name: 'web', controller: true, blockOwnerDeletion: true })]);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    expect(slice.endpoints.map((e: Json) => e.addresses[0]).sort()).toEqual(sortedIPs(pods));
    expect(slice.endpoints.every((e: Json) => /^node-\d$/.test(e.nodeName) && e.conditions.serving === true && e.conditions.terminating === false)).toBe(true);

    const table = lines(expectSuccess(await kubectl('get', 'endpointslices', '-l', 'kubernetes.io/service-name=web')));
    expect(cells(table[0])).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    expect(cells(table[1]).slice(0, 3)).toEqual([slice.metadata.name, 'IPv4', '80']);
  });

  it('scale --replicas=1 leaves one address in both', async () => {
    expectSuccess(await kubectl('scale', 'deployment/web', '--replicas=1'));
    const [pod] = await runningPods(drydock(), 'app=web', 1);
    await eventually('get endpoints web to list only the remaining pod', async () => {
      const row = cells(lines(expectSuccess(await kubectl('get', 'endpoints', 'web', '--no-headers')))[0]);
      return row[1] === `${pod.status.podIP}:80` ? row : undefined;
    });
    await eventually('the EndpointSlice to hold only the remaining pod', async () => {
      const [slice] = (await getJson(drydock(), ['endpointslices', '-l', 'kubernetes.io/service-name=web'])).items;
      return slice.endpoints?.length === 1 && slice.endpoints[0].addresses[0] === pod.status.podIP ? slice : undefined;
    });
  });

  it('scale --replicas=0 leaves no address: <none> and an empty slice', async () => {
    expectSuccess(await kubectl('scale', 'deployment/web', '--replicas=0'));
    await eventually('no pods', async () => ((await livePods(drydock(), 'app=web')).length === 0 ? true : undefined));
    await eventually('get endpoints web to print <none>', async () => {
      const row = cells(lines(expectSuccess(await kubectl('get', 'endpoints', 'web', '--no-headers')))[0]);
      return row[1] === '<none>' ? row : undefined;
    });
    const slices = (await getJson(drydock(), ['endpointslices', '-l', 'kubernetes.io/service-name=web'])).items;
    expect(slices).toHaveLength(1);
    expect(slices[0].endpoints ?? []).toEqual([]);
  });

  it('delete service web removes its Endpoints and EndpointSlices', async () => {
    expectSuccess(await kubectl('delete', 'service', 'web'));
    await eventually('no endpoints web', async () => ((await kubectl('get', 'endpoints', 'web')).code !== 0 ? true : undefined));
    await eventually('no slices for web', async () => ((await getJson(drydock(), ['endpointslices', '-l', 'kubernetes.io/service-name=web'])).items.length === 0 ? true : undefined));
  });

  it('a Service without a selector keeps hand-made Endpoints, mirrored into an EndpointSlice', async () => {
    const manifest = [
      'apiVersion: v1', 'kind: Service', 'metadata: {name: external}', 'spec: {ports: [{name: http, port: 80}]}',
      '---',
      'apiVersion: v1', 'kind: Endpoints', 'metadata: {name: external, labels: {team: a}}',
      'subsets: [{addresses: [{ip: 192.0.2.10}, {ip: 192.0.2.11}], ports: [{name: http, port: 8080}]}]',
    ].join('\n');
    expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: manifest }));
    const slice = await eventually('a mirrored EndpointSlice', async () => {
      const [found] = (await getJson(drydock(), ['endpointslices', '-l', 'kubernetes.io/service-name=external'])).items;
      return found?.endpoints?.length === 2 ? found : undefined;
    });
    expect(slice.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/service-name': 'external', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' });
    expect(slice.metadata.ownerReferences).toEqual([expect.objectContaining({ apiVersion: 'v1', kind: 'Endpoints', name: 'external', controller: true })]);
    expect(slice.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice.endpoints.map((e: Json) => [e.addresses[0], e.conditions.ready]).sort()).toEqual([['192.0.2.10', true], ['192.0.2.11', true]]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const endpoints = await getJson(drydock(), ['endpoints', 'external']);
    expect(endpoints.subsets[0].addresses.map((a: Json) => a.ip)).toEqual(['192.0.2.10', '192.0.2.11']);
  });

  it('expose --type=LoadBalancer gets an external IP from the simulated pool, released on deletion', async () => {
    expectSuccess(await kubectl('create', 'deployment', 'shop', '--image=nginx'));
    expect(expectSuccess(await kubectl('expose', 'deploy', 'shop', '--type=LoadBalancer', '--port=80'))).toBe('service/shop exposed\n');
    const row = await eventually('an EXTERNAL-IP for shop', async () => {
      const cellsOf = cells(lines(expectSuccess(await kubectl('get', 'service', 'shop', '--no-headers')))[0]);
      return cellsOf[3] !== '<pending>' ? cellsOf : undefined;
    });
    expect(row.slice(0, 2)).toEqual(['shop', 'LoadBalancer']);
    expect(row[3]).toBe('172.18.255.200');
    expect(row[4]).toMatch(/^80:3\d{4}\/TCP$/);
    const service = await getJson(drydock(), ['service', 'shop']);
    expect(service.status.loadBalancer.ingress).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
    expect(service.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    const events = expectSuccess(await kubectl('get', 'events', '--field-selector', 'involvedObject.name=shop,involvedObject.kind=Service', '-o', 'custom-columns=REASON:.reason,MESSAGE:.message', '--no-headers'));
    expect(lines(events).map((line) => cells(line)[0])).toEqual(expect.arrayContaining(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']));
    expect(expectSuccess(await kubectl('delete', 'service', 'shop', '--timeout=60s'))).toBe('service "shop" deleted from default namespace\n');
  });
});
