process.env.DRYDOCK_CLOCK_SCALE = '10';

import { expectFailure, expectSuccess, lines } from '../harness/expectations';
import { Json } from '../harness/json';
import { createNamespace, getJson } from '../harness/use-drydock';
import { eventually, nodesReady, runningPods, useClusterDrydock } from './support/cluster';

const ns = 'metrics-demo';

/** A `kubectl top` row: every cell but the name matches its column's pattern. */
const row = (...cells: string[]) => new RegExp(String.raw`^${cells.join(String.raw`\s+`)}\s*$`);
const CPU = String.raw`\d+m`;
const MEMORY = String.raw`\d+Mi`;
const PERCENT = String.raw`\d+%`;

describe('the metrics API, as metrics-server serves it to kubectl top', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run([...args, '-n', ns]);

  beforeAll(async () => {
    await nodesReady(drydock());
    await createNamespace(drydock(), ns);
  });

  it('kubectl top nodes prints usage and its share of allocatable for every node', async () => {
    const out = lines(expectSuccess(await drydock().run(['top', 'nodes'])));
    expect(out[0]).toMatch(row('NAME', String.raw`CPU\(cores\)`, String.raw`CPU\(%\)`, String.raw`MEMORY\(bytes\)`, String.raw`MEMORY\(%\)`));
    expect(out.slice(1).map((line) => line.split(/\s+/)[0]).sort()).toEqual(['controlplane', 'node-1', 'node-2', 'node-3']);
    for (const line of out.slice(1)) expect(line).toMatch(row('(controlplane|node-[123])', CPU, PERCENT, MEMORY, PERCENT));
  });

  it('kubectl top pods prints each running pod, across namespaces with -A and per container with --containers', async () => {
    expectSuccess(await kubectl('create', 'deployment', 'web', '--image=nginx', '--replicas=2'));
    const pods = (await runningPods(drydock(), 'app=web', 2, 60_000, ns)).map((pod) => pod.metadata.name as string).sort();
    const top = await eventually('metrics of both pods', async () => {
      const result = await kubectl('top', 'pods');
      return result.code === 0 && lines(result.stdout).length === 3 ? lines(result.stdout) : undefined;
    });
    expect(top[0]).toMatch(row('NAME', String.raw`CPU\(cores\)`, String.raw`MEMORY\(bytes\)`));
    expect(top.slice(1).map((line) => line.split(/\s+/)[0]).sort()).toEqual(pods);
    for (const line of top.slice(1)) expect(line).toMatch(row('web-[a-z0-9-]+', CPU, MEMORY));

    const all = lines(expectSuccess(await drydock().run(['top', 'pods', '-A'])));
    expect(all[0]).toMatch(row('NAMESPACE', 'NAME', String.raw`CPU\(cores\)`, String.raw`MEMORY\(bytes\)`));
    expect(all.filter((line) => line.startsWith(`${ns} `))).toHaveLength(2);

    const containers = lines(expectSuccess(await kubectl('top', 'pods', '--containers', '-l', 'app=web')));
    expect(containers[0]).toMatch(row('POD', 'NAME', String.raw`CPU\(cores\)`, String.raw`MEMORY\(bytes\)`));
    for (const line of containers.slice(1)) expect(line).toMatch(row('web-[a-z0-9-]+', 'nginx', CPU, MEMORY));
  });

  it('shows the control plane\'s static pods with the real usage of Drydock\'s own processes', async () => {
    const top = await eventually('metrics of the four control-plane pods', async () => {
      const result = await drydock().run(['top', 'pods', '-n', 'kube-system', '-l', 'tier=control-plane']);
      return result.code === 0 && lines(result.stdout).length === 5 ? lines(result.stdout) : undefined;
    });
    expect(top.slice(1).map((line) => line.split(/\s+/)[0]).sort()).toEqual(['etcd-controlplane', 'kube-apiserver-controlplane', 'kube-controller-manager-controlplane', 'kube-scheduler-controlplane']);
    const apiserver = top.find((line) => line.startsWith('kube-apiserver-controlplane'))!;
    expect(apiserver).toMatch(row('kube-apiserver-controlplane', CPU, MEMORY));
    expect(Number(/(\d+)Mi\s*$/.exec(apiserver)![1])).toBeGreaterThan(30);
  });

  it('follows the sim.drydock.dev/cpu-usage and memory-usage annotations exactly', async () => {
    const [pod] = (await runningPods(drydock(), 'app=web', 2, 60_000, ns)).map((p) => p.metadata.name as string);
    expectSuccess(await kubectl('annotate', 'pod', pod, 'sim.drydock.dev/cpu-usage=250m', 'sim.drydock.dev/memory-usage=64Mi'));
    const line = await eventually('the annotated usage', async () => {
      const out = lines(expectSuccess(await kubectl('top', 'pod', pod)));
      return /\s250m\s+64Mi\s*$/.test(out[1] ?? '') ? out[1] : undefined;
    });
    expect(line).toMatch(row(pod, '250m', '64Mi'));
  });

  it('shows what the requests-and-limits tasks\' stress containers use: memory-demo 150Mi, cpu-demo throttled at 1 CPU, memory-demo-2 OOMKilled', async () => {
    const pod = (name: string, image: string, resources: Json, container: Json) =>
      ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { containers: [{ name: `${name}-ctr`, image, resources, ...container }] } });
    const demos = [
      pod('memory-demo', 'polinux/stress', { limits: { memory: '200Mi' }, requests: { memory: '100Mi' } }, { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'] }),
      pod('memory-demo-2', 'polinux/stress', { limits: { memory: '100Mi' }, requests: { memory: '50Mi' } }, { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'] }),
      pod('cpu-demo', 'vish/stress', { limits: { cpu: '1' }, requests: { cpu: '0.5' } }, { args: ['-cpus', '2'] }),
    ];
    expectSuccess(await drydock().run(['apply', '-f', '-'], { stdin: demos.map((d) => JSON.stringify(d)).join('\n') }));
    const topOf = (name: string, pattern: RegExp) => eventually(`kubectl top pod ${name}`, async () => {
      const result = await kubectl('top', 'pod', name);
      return result.code === 0 && pattern.test(lines(result.stdout)[1] ?? '') ? lines(result.stdout)[1] : undefined;
    });
    expect(await topOf('memory-demo', /Mi\s*$/)).toMatch(row('memory-demo', CPU, '150Mi'));
    expect(await topOf('cpu-demo', /Mi\s*$/)).toMatch(row('cpu-demo', '1000m', MEMORY));
    const killed = await eventually('memory-demo-2 OOMKilled', async () => {
      const status = (await getJson(drydock(), ['pod', 'memory-demo-2', '-n', ns])).status?.containerStatuses?.[0];
      const terminated = status?.lastState?.terminated ?? status?.state?.terminated;
      return terminated?.reason === 'OOMKilled' ? terminated : undefined;
    });
    expect(killed.exitCode).toBe(137);
  });

  it('lets whoever may view a namespace read its pods\' metrics (system:aggregated-metrics-reader aggregated into view)', async () => {
    expectSuccess(await kubectl('create', 'rolebinding', 'jane-view', '--clusterrole=view', '--user=jane'));
    const top = await eventually('jane to read the pods\' metrics', async () => {
      const result = await kubectl('top', 'pods', '-l', 'app=web', '--as=jane');
      return result.code === 0 ? lines(result.stdout) : undefined;
    });
    expect(top).toHaveLength(3);
    expect(expectFailure(await drydock().run(['top', 'nodes', '--as=jane']))).toMatch(
      /^Error from server \(Forbidden\): nodes\.metrics\.k8s\.io is forbidden: User "jane" cannot list resource "nodes" in API group "metrics\.k8s\.io" at the cluster scope/,
    );
  });

  it('serves NodeMetrics and PodMetrics objects, and NotFound as metrics-server words it', async () => {
    const node = JSON.parse(expectSuccess(await drydock().run(['get', '--raw', '/apis/metrics.k8s.io/v1beta1/nodes/node-1'])));
    expect(node).toMatchObject({ kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata: { name: 'node-1' }, window: '1.5s' });
    expect(node.usage.cpu).toMatch(/^\d+(n|u|m)?$/);
    expect(node.usage.memory).toMatch(/^\d+(Ki|Mi)?$/);
    const list = JSON.parse(expectSuccess(await drydock().run(['get', '--raw', `/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods?labelSelector=app%3Dweb`])));
    expect(list.kind).toBe('PodMetricsList');
    expect(list.items.map((item: { containers: Array<{ name: string }> }) => item.containers.map((c) => c.name))).toEqual([['nginx'], ['nginx']]);
    expect(expectFailure(await kubectl('get', 'pods.metrics.k8s.io', 'nope'))).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(lines(expectSuccess(await drydock().run(['api-resources', '--api-group=metrics.k8s.io'])))).toEqual([
      expect.stringMatching(row('NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND')),
      expect.stringMatching(row('nodes', 'metrics.k8s.io/v1beta1', 'false', 'NodeMetrics')),
      expect.stringMatching(row('pods', 'metrics.k8s.io/v1beta1', 'true', 'PodMetrics')),
    ]);
  });
});
