import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { eventually, useDrydock } from '../support/use-drydock';
import { graphqlTestClient, GraphqlTestClient } from './support/graphql-test-client';
import { createNamespace, rolledOut, runningPods } from './support/fixtures';

const ns = 'gql-mutations';
const WORKLOAD = 'kind name desired current ready updated available paused status revision images';

const manifests = (replicas: number, image = 'nginx:1.27') => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
  mode: demo
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: api }
  strategy:
    rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
      - name: api
        image: ${image}
`;

interface ApplyResult {
  applyManifests: { dryRun: boolean; ok: boolean; results: { index: number; kind: string; name: string; namespace: string; action: string; error: string | null; diff: string | null }[] };
}

const APPLY = `mutation($yaml: String!, $dryRun: Boolean, $ns: String) { applyManifests(yaml: $yaml, dryRun: $dryRun, namespace: $ns) { dryRun ok results { index apiVersion kind namespace name action error diff object } } }`;

describe('GraphQL mutations against a real Drydock', () => {
  const drydock = useDrydock({ name: 'graphql-mutations', nodes: 2, controlLoop: true, clockScale: 5 });
  let gql: GraphqlTestClient;
  const client = () => drydock().client();
  const apply = (yaml: string, dryRun = false) => gql.data<ApplyResult>(APPLY, { yaml, dryRun, ns });

  beforeAll(async () => {
    gql = graphqlTestClient(drydock());
    await eventually('two nodes', async () => (await client().list(resources.nodes)).items.length === 2, 90_000);
    await createNamespace(client(), ns);
  }, 240_000);
  afterAll(() => gql?.close());

  it('applies a multi-document YAML with a server dry run first: per-object results and diffs, nothing written', async () => {
    const { applyManifests } = await apply(manifests(2), true);
    expect(applyManifests).toMatchObject({ dryRun: true, ok: true });
    expect(applyManifests.results.map((r) => [r.index, r.kind, r.name, r.namespace, r.action])).toEqual([
      [0, 'ConfigMap', 'api-config', ns, 'created'],
      [1, 'Deployment', 'api', ns, 'created'],
    ]);
    expect(applyManifests.results[1].diff).toMatch(/^\+\s+replicas: 2$/m);
    expect(await client().get(resources.deployments, ns, 'api')).toBeNull();
    expect(await client().get(resources.configmaps, ns, 'api-config')).toBeNull();
  });

  it('applies for real with server-side apply (fieldManager drydock-dashboard), then reports unchanged and configured with the diff', async () => {
    const created = await apply(manifests(2));
    expect(created.applyManifests.ok).toBe(true);
    expect(created.applyManifests.results.map((r) => r.action)).toEqual(['created', 'created']);
    const live = (await client().get(resources.deployments, ns, 'api'))!;
    expect(live.metadata.managedFields?.map((f) => [f.manager, f.operation])).toContainEqual(['drydock-dashboard', 'Apply']);
    await rolledOut(client(), ns, 'api');
    const again = await apply(manifests(2));
    expect(again.applyManifests.results.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
    const preview = await apply(manifests(3), true);
    expect(preview.applyManifests.results.map((r) => r.action)).toEqual(['unchanged', 'configured']);
    expect(preview.applyManifests.results[1].diff).toMatch(/^-\s+replicas: 2$/m);
    expect(preview.applyManifests.results[1].diff).toMatch(/^\+\s+replicas: 3$/m);
    expect(((await client().get(resources.deployments, ns, 'api'))!.spec as { replicas: number }).replicas).toBe(2);
  });

  it('gives a malformed document, an unknown kind and an invalid object error results, and writes nothing of the YAML', async () => {
    const broken = await apply(`${manifests(5)}---\nkind: [unclosed\n`);
    expect(broken.applyManifests.ok).toBe(false);
    expect(broken.applyManifests.results.map((r) => r.action)).toEqual(['skipped', 'skipped', 'error']);
    expect(broken.applyManifests.results[2]).toMatchObject({ index: 2, error: expect.stringMatching(/error parsing YAML document 3/) });
    const unknown = await apply('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: never\n');
    expect(unknown.applyManifests.results.map((r) => [r.action, r.error])).toEqual([
      ['error', 'no matches for kind "Widget" in version "example.com/v1"'],
      ['skipped', 'not applied: document 1 failed'],
    ]);
    const invalid = await apply('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: no-template\nspec:\n  replicas: -1\n');
    expect(invalid.applyManifests.results[0]).toMatchObject({ action: 'error', error: expect.stringMatching(/^Invalid: Deployment.apps "no-template" is invalid/) });
    expect(((await client().get(resources.deployments, ns, 'api'))!.spec as { replicas: number }).replicas).toBe(2);
    expect(await client().get(resources.configmaps, ns, 'never')).toBeNull();
    expect(await client().get(resources.deployments, ns, 'no-template')).toBeNull();
  });

  it('scales a Deployment through its scale subresource', async () => {
    const data = await gql.data<{ scale: { desired: number } }>(`mutation($ns: String!) { scale(kind: Deployment, namespace: $ns, name: "api", replicas: 3) { ${WORKLOAD} } }`, { ns });
    expect(data.scale.desired).toBe(3);
    await rolledOut(client(), ns, 'api');
    expect(await runningPods(client(), ns, 'app=api')).toHaveLength(3);
    const refused = await gql.request(`mutation($ns: String!) { scale(kind: Deployment, namespace: $ns, name: "api", replicas: -2) { name } }`, { ns });
    expect(refused.body.errors?.[0].extensions).toEqual({ code: 'BadRequest', status: 400 });
  });

  it('pauses, refuses to restart a paused Deployment, resumes, and restarts it with kubectl\'s restartedAt annotation', async () => {
    const paused = await gql.data<{ rolloutPause: { paused: boolean; status: string } }>(`mutation($ns: String!) { rolloutPause(namespace: $ns, name: "api") { ${WORKLOAD} } }`, { ns });
    expect(paused.rolloutPause).toMatchObject({ paused: true, status: 'Paused' });
    expect(((await client().get(resources.deployments, ns, 'api'))!.spec as { paused?: boolean }).paused).toBe(true);
    const refused = await gql.request(`mutation($ns: String!) { rolloutRestart(kind: Deployment, namespace: $ns, name: "api") { name } }`, { ns });
    expect(refused.body.errors?.[0]).toMatchObject({ message: expect.stringContaining("can't restart paused deployment"), extensions: { code: 'BadRequest', status: 400 } });
    const resumed = await gql.data<{ rolloutResume: { paused: boolean } }>(`mutation($ns: String!) { rolloutResume(namespace: $ns, name: "api") { ${WORKLOAD} } }`, { ns });
    expect(resumed.rolloutResume.paused).toBe(false);
    const before = Date.now() - 1000;
    await gql.data(`mutation($ns: String!) { rolloutRestart(kind: Deployment, namespace: $ns, name: "api") { ${WORKLOAD} } }`, { ns });
    const live = (await client().get(resources.deployments, ns, 'api'))! as unknown as { spec: { template: { metadata: { annotations?: Record<string, string> } } } };
    const restartedAt = live.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
    expect(restartedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(restartedAt!)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    await eventually('revision 2', async () => (await client().get(resources.deployments, ns, 'api'))!.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2', 30_000);
    await rolledOut(client(), ns, 'api');
  });

  it("undoes a rollout like kubectl: the previous revision's template (without pod-template-hash) becomes the Deployment's", async () => {
    const data = await gql.data<{ rolloutUndo: { name: string } }>(`mutation($ns: String!) { rolloutUndo(namespace: $ns, name: "api") { ${WORKLOAD} } }`, { ns });
    expect(data.rolloutUndo.name).toBe('api');
    const live = (await client().get(resources.deployments, ns, 'api'))! as unknown as { spec: { template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> } } } };
    expect(live.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeUndefined();
    expect(live.spec.template.metadata.labels).toEqual({ app: 'api' });
    await eventually('revision 3', async () => (await client().get(resources.deployments, ns, 'api'))!.metadata.annotations?.['deployment.kubernetes.io/revision'] === '3', 30_000);
    await rolledOut(client(), ns, 'api');
    const history = await gql.data<{ rolloutHistory: { revision: number; current: boolean }[] }>('query($ns: String!) { rolloutHistory(namespace: $ns, name: "api") { revision current } }', { ns });
    expect(history.rolloutHistory).toEqual([{ revision: 2, current: false }, { revision: 3, current: true }]);
    const missing = await gql.request(`mutation($ns: String!) { rolloutUndo(namespace: $ns, name: "api", toRevision: 99) { name } }`, { ns });
    expect(missing.body.errors?.[0]).toMatchObject({ message: 'unable to find specified revision 99 in history', extensions: { code: 'NotFound', status: 404 } });
  });

  it('cordons and uncordons a node (spec.unschedulable, kubectl STATUS)', async () => {
    const [node] = (await client().list(resources.nodes)).items;
    const name = node.metadata.name!;
    const cordoned = await gql.data<{ cordonNode: { unschedulable: boolean; status: string } }>('mutation($name: String!) { cordonNode(name: $name) { name unschedulable status } }', { name });
    expect(cordoned.cordonNode).toEqual({ name, unschedulable: true, status: 'Ready,SchedulingDisabled' });
    const uncordoned = await gql.data<{ uncordonNode: { unschedulable: boolean; status: string } }>('mutation($name: String!) { uncordonNode(name: $name) { unschedulable status } }', { name });
    expect(uncordoned.uncordonNode).toEqual({ unschedulable: false, status: 'Ready' });
    expect((await client().get(resources.nodes, '', name))!.spec).not.toHaveProperty('unschedulable', true);
  });

  it('drains a node: cordon, PodDisruptionBudget refusals reported, DaemonSet pods left alone, then the evictions', async () => {
    const pods = await runningPods(client(), ns, 'app=api');
    const name = (pods[0].spec as { nodeName: string }).nodeName;
    const onNode = pods.filter((p) => (p.spec as { nodeName: string }).nodeName === name).map((p) => `${ns}/${p.metadata.name}`).sort();
    await client().create(resources.daemonsets, ns, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36', command: ['sleep', 'infinity'] }] } } } } as KubeObject);
    // The DaemonSet controller's own pod on the node to drain: drain must leave it where it is.
    let agent = '';
    await eventually('the DaemonSet pod on the node', async () => {
      agent = (await runningPods(client(), ns, 'app=agent')).find((p) => (p.spec as { nodeName: string }).nodeName === name)?.metadata.name ?? '';
      return agent !== '';
    }, 60_000);
    await client().create(resources.poddisruptionbudgets, ns, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api' }, spec: { minAvailable: 3, selector: { matchLabels: { app: 'api' } } } } as KubeObject);
    await eventually('the budget observed', async () => ((await client().get(resources.poddisruptionbudgets, ns, 'api'))!.status as { observedGeneration?: number } | undefined)?.observedGeneration === 1, 30_000);
    const DRAIN = 'mutation($name: String!) { drainNode(name: $name) { node { name unschedulable status } evicted errors } }';
    const refused = await gql.data<{ drainNode: { node: { unschedulable: boolean }; evicted: string[]; errors: string[] } }>(DRAIN, { name });
    expect(refused.drainNode.node.unschedulable).toBe(true);
    expect(refused.drainNode.evicted).toEqual([]);
    expect(refused.drainNode.errors).toHaveLength(onNode.length);
    for (const error of refused.drainNode.errors) expect(error).toMatch(/^gql-mutations\/api-.*: cannot evict pod as it would violate the pod's disruption budget/);
    await client().delete(resources.poddisruptionbudgets, ns, 'api');
    const drained = await gql.data<{ drainNode: { evicted: string[]; errors: string[] } }>(DRAIN, { name });
    expect(drained.drainNode).toMatchObject({ evicted: onNode, errors: [] });
    expect(drained.drainNode.evicted).not.toContain(`${ns}/${agent}`);
    expect(await client().get(resources.pods, ns, agent)).not.toBeNull();
    await eventually('the evicted pods gone from the node', async () => (await runningPods(client(), ns, 'app=api')).every((p) => (p.spec as { nodeName: string }).nodeName !== name), 60_000);
    await gql.data('mutation($name: String!) { uncordonNode(name: $name) { name } }', { name });
  });

  it("powers a node off and on through the node simulator's annotation", async () => {
    const [node] = (await client().list(resources.nodes)).items;
    const name = node.metadata.name!;
    const off = await gql.data<{ powerOffNode: { poweredOff: boolean } }>('mutation($name: String!) { powerOffNode(name: $name) { name poweredOff } }', { name });
    expect(off.powerOffNode.poweredOff).toBe(true);
    expect((await client().get(resources.nodes, '', name))!.metadata.annotations?.['sim.drydock.dev/power']).toBe('off');
    const on = await gql.data<{ powerOnNode: { poweredOff: boolean } }>('mutation($name: String!) { powerOnNode(name: $name) { name poweredOff } }', { name });
    expect(on.powerOnNode.poweredOff).toBe(false);
    expect((await client().get(resources.nodes, '', name))!.metadata.annotations?.['sim.drydock.dev/power']).toBe('on');
  });

  it('debugNode makes kubectl debug node\'s pod (the node\'s / at /host, host namespaces, every taint tolerated); an unknown node is NotFound', async () => {
    const [node] = (await client().list(resources.nodes)).items;
    const name = node.metadata.name!;
    const DEBUG = 'mutation($name: String!) { debugNode(name: $name) { namespace name nodeName } }';
    const { debugNode } = await gql.data<{ debugNode: { namespace: string; name: string; nodeName: string } }>(DEBUG, { name });
    expect(debugNode).toMatchObject({ namespace: 'default', name: expect.stringMatching(new RegExp(`^node-debugger-${name}-[a-z0-9]{5}$`)), nodeName: name });
    const pod = (await client().get(resources.pods, 'default', debugNode.name))!;
    expect(pod.spec).toMatchObject({ hostPID: true, hostNetwork: true, hostIPC: true, restartPolicy: 'Never', tolerations: expect.arrayContaining([{ operator: 'Exists' }]), volumes: expect.arrayContaining([{ name: 'host-root', hostPath: expect.objectContaining({ path: '/' }) }]) });
    expect((pod.spec as { containers: KubeObject[] }).containers[0]).toMatchObject({ name: 'debugger', image: 'busybox', stdin: true, tty: true, volumeMounts: expect.arrayContaining([expect.objectContaining({ name: 'host-root', mountPath: '/host' })]) });
    const missing = await gql.request(DEBUG, { name: 'no-such-node' });
    expect(missing.body.errors?.[0].extensions).toEqual({ code: 'NotFound', status: 404 });
    await client().delete(resources.pods, 'default', debugNode.name);
  });

  it('runs a command in a pod through pods/exec and returns its output and exit code', async () => {
    await rolledOut(client(), ns, 'api');
    const [pod] = await runningPods(client(), ns, 'app=api');
    const EXEC = 'mutation($ns: String!, $pod: String!, $command: [String!]!) { execCommand(namespace: $ns, pod: $pod, command: $command) { stdout stderr exitCode } }';
    const env = await gql.data<{ execCommand: { stdout: string; exitCode: number } }>(EXEC, { ns, pod: pod.metadata.name, command: ['env'] });
    expect(env.execCommand.exitCode).toBe(0);
    expect(env.execCommand.stdout).toContain(`HOSTNAME=${pod.metadata.name}`);
    const failing = await gql.data<{ execCommand: { exitCode: number } }>(EXEC, { ns, pod: pod.metadata.name, command: ['sh', '-c', 'exit 3'] });
    expect(failing.execCommand.exitCode).toBe(3);
    const unknown = await gql.data<{ execCommand: { stderr: string; exitCode: number } }>(EXEC, { ns, pod: pod.metadata.name, command: ['no-such-tool'] });
    expect(unknown.execCommand).toEqual({ stdout: '', stderr: expect.stringContaining('no-such-tool: not found'), exitCode: 127 });
    const missing = await gql.request(EXEC, { ns, pod: 'nope', command: ['env'] });
    expect(missing.body.errors?.[0].extensions).toEqual({ code: 'NotFound', status: 404 });
  });

  it('deletes objects by apiVersion and kind, as kubectl delete says it', async () => {
    const DELETE = 'mutation($v: String!, $k: String!, $ns: String, $n: String!) { deleteObject(apiVersion: $v, kind: $k, namespace: $ns, name: $n) { status } }';
    const deleted = await gql.data<{ deleteObject: { status: string } }>(DELETE, { v: 'v1', k: 'ConfigMap', ns, n: 'api-config' });
    expect(deleted.deleteObject.status).toBe('configmap "api-config" deleted');
    expect(await client().get(resources.configmaps, ns, 'api-config')).toBeNull();
    const deployment = await gql.data<{ deleteObject: { status: string } }>(DELETE, { v: 'apps/v1', k: 'Deployment', ns, n: 'api' });
    expect(deployment.deleteObject.status).toBe('deployment.apps "api" deleted');
    const again = await gql.request(DELETE, { v: 'v1', k: 'ConfigMap', ns, n: 'api-config' });
    expect(again.body.errors?.[0]).toMatchObject({ message: 'configmaps "api-config" not found', extensions: { code: 'NotFound', status: 404 } });
    const unknownKind = await gql.request(DELETE, { v: 'v1', k: 'Gadget', ns, n: 'x' });
    expect(unknownKind.body.errors?.[0].extensions).toEqual({ code: 'NotFound', status: 404 });
  });
});
