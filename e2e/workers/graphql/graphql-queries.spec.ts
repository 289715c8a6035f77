import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { eventually, useDrydock } from '../support/use-drydock';
import { graphqlTestClient, GraphqlTestClient } from './support/graphql-test-client';
import { createNamespace, deployment, rolledOut } from './support/fixtures';

const ns = 'gql-queries';
const isReady = (node: KubeObject) => !!(node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

describe('GraphQL queries against a real Drydock (API server, scheduler, controllers, node-sim)', () => {
  const drydock = useDrydock({ name: 'graphql-queries', nodes: 2, controlLoop: true, clockScale: 5 });
  let gql: GraphqlTestClient;

  beforeAll(async () => {
    gql = graphqlTestClient(drydock());
    const client = drydock().client();
    await eventually('two Ready nodes', async () => (await client.list(resources.nodes)).items.filter(isReady).length === 2, 90_000);
    await createNamespace(client, ns);
    await client.create(resources.deployments, ns, deployment('web', 'nginx:1.27'));
    await rolledOut(client, ns, 'web');
    await client.patch(resources.deployments, ns, 'web', { metadata: { annotations: { 'kubernetes.io/change-cause': 'image 1.27.1' } }, spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27.1' }] } } } }, 'strategic');
    await rolledOut(client, ns, 'web');
    await eventually('the old pods gone', async () => (await client.list(resources.pods, { namespace: ns, labelSelector: 'app=web' })).items.length === 2, 60_000);
    await client.create(resources.pods, ns, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'too-big' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '500' } } }] } } as KubeObject);
    await eventually('too-big has node reasons', async () => !!(await client.get(resources.pods, ns, 'too-big'))?.metadata.annotations?.['scheduler.drydock.dev/node-reasons'], 60_000);
  }, 240_000);
  afterAll(() => gql?.close());

  it('answers me with the authenticated user', async () => {
    const data = await gql.data<{ me: { name: string; groups: string[] } }>('{ me { name groups } }');
    expect(data.me).toEqual({ name: 'drydock-admin', groups: expect.arrayContaining(['system:masters']) });
  });

  it('lists nodes with their pods, allocation and events from one node list, one pod list and one event list', async () => {
    const response = await gql.request<{ nodes: { name: string; status: string; ready: string; podCount: number; requested: { cpu: number; pods: number }; allocatable: { cpu: number }; pods: { name: string; node: { name: string } }[]; events: { reason: string }[] }[] }>(
      '{ nodes { name status ready roles poweredOff podCount internalIP kubeletVersion requested { cpu memory pods } allocatable { cpu memory pods } pods { name namespace status node { name } } events { reason } } }',
    );
    expect(response.body.errors).toBeUndefined();
    const nodes = response.body.data!.nodes;
    expect(nodes).toHaveLength(2);
    for (const node of nodes) {
      expect(node.status).toBe('Ready');
      expect(node.ready).toBe('True');
      expect(node.allocatable.cpu).toBeGreaterThan(0);
      for (const pod of node.pods) expect(pod.node.name).toBe(node.name);
      expect(node.events.map((e) => e.reason)).toEqual(expect.arrayContaining(['Starting', 'NodeReady']));
    }
    const webPods = nodes.flatMap((n) => n.pods).filter((p) => p.name.startsWith('web-'));
    expect(webPods).toHaveLength(2);
    expect(nodes.reduce((sum, n) => sum + n.requested.cpu, 0)).toBeCloseTo(0.2, 5);
    expect(response.body.extensions?.apiRequests).toBe(3);
    const one = await gql.request<{ node: { pods: { name: string }[]; podCount: number } }>('query($name: String!) { node(name: $name) { name podCount requested { cpu } pods { name } } }', { name: nodes[0].name });
    expect(one.body.data!.node.pods.map((p) => p.name).sort()).toEqual(nodes[0].pods.map((p) => p.name).sort());
    expect(one.body.extensions?.apiRequests).toBe(2);
  });

  it('summarises the cluster: node and pod counts, allocation, and the Pending pod among the problems', async () => {
    const data = await gql.data<{ clusterSummary: { nodes: { total: number; ready: number; notReady: number }; pods: { total: number; pending: number; running: number }; cpu: { requested: number; allocatable: number }; memory: { requested: number }; namespaces: number; problems: { severity: string; kind: string; name: string; reason: string }[] } }>(
      '{ clusterSummary { problems { severity kind namespace name reason message since } nodes { total ready notReady unschedulable } pods { total pending running succeeded failed unknown failing } cpu { requested limits allocatable capacity } memory { requested limits allocatable capacity } namespaces warningEvents } }',
    );
    const summary = data.clusterSummary;
    expect(summary.nodes).toMatchObject({ total: 2, ready: 2, notReady: 0 });
    expect(summary.pods.pending).toBeGreaterThanOrEqual(1);
    expect(summary.pods.running).toBeGreaterThanOrEqual(2);
    expect(summary.cpu.requested).toBeCloseTo(0.2, 5);
    expect(summary.memory.requested).toBe(2 * 64 * 1024 * 1024);
    expect(summary.namespaces).toBeGreaterThanOrEqual(4);
    expect(summary.problems).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'warning', kind: 'Pod', name: 'too-big', reason: 'Unschedulable' })]));
  });

  it('lists namespaces with their pod counts', async () => {
    const data = await gql.data<{ namespaces: { name: string; phase: string; podCount: number }[] }>('{ namespaces { name phase createdAt labels podCount } }');
    expect(data.namespaces).toEqual(expect.arrayContaining([{ name: ns, phase: 'Active', podCount: 3 }].map((n) => expect.objectContaining(n))));
  });

  it('walks a Deployment to its ReplicaSets, pods, their nodes and the related events without a request per item', async () => {
    const response = await gql.request<{ workloads: { kind: string; name: string; status: string; desired: number; ready: number; images: string[]; revision: number; selector: string; children: { name: string; revision: number; desired: number; pods: { name: string }[] }[]; pods: { name: string; status: string; ready: string; node: { name: string; status: string } }[]; events: { reason: string; involvedObject: { kind: string } }[]; rollout: { strategy: string; maxSurge: number; maxUnavailable: number; maxTotal: number; minAvailable: number; complete: boolean; newReplicaSet: { revision: number; replicas: number }; oldReplicaSets: unknown[] } }[] }>(
      `query($ns: String) { workloads(kind: Deployment, namespace: $ns) { kind name status desired current ready updated available images revision selector paused
        children { kind name revision desired pods { name } }
        pods { name status ready node { name status } }
        events { reason type involvedObject { kind name } }
        rollout { strategy desired updated ready available unavailable maxSurge maxUnavailable maxTotal minAvailable complete message newReplicaSet { name revision replicas ready images } oldReplicaSets { name revision replicas } } } }`,
      { ns },
    );
    expect(response.body.errors).toBeUndefined();
    const [web] = response.body.data!.workloads;
    expect(web).toMatchObject({ kind: 'Deployment', name: 'web', status: 'Available', desired: 2, ready: 2, images: ['nginx:1.27.1'], revision: 2, selector: 'app=web' });
    expect(web.children.map((c) => c.revision).sort()).toEqual([1, 2]);
    expect(web.children.find((c) => c.revision === 2)!.pods).toHaveLength(2);
    expect(web.pods).toHaveLength(2);
    for (const pod of web.pods) expect(pod).toMatchObject({ status: 'Running', ready: '1/1', node: { status: 'Ready' } });
    const kinds = new Set(web.events.map((e) => e.involvedObject.kind));
    expect([...kinds].sort()).toEqual(['Deployment', 'Pod', 'ReplicaSet']);
    expect(web.rollout).toMatchObject({ strategy: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0, maxTotal: 3, minAvailable: 2, complete: true, newReplicaSet: { revision: 2, replicas: 2 }, oldReplicaSets: [] });
    // One list each of deployments, replica sets, pods, nodes and events, however many items.
    expect(response.body.extensions?.apiRequests).toBe(5);
  });

  it("gives a pod's owner chain nearest first, its node and its events", async () => {
    const client = drydock().client();
    const [pod] = (await client.list(resources.pods, { namespace: ns, labelSelector: 'app=web' })).items;
    const data = await gql.data<{ pod: { ownerChain: { kind: string; name: string }[]; node: { name: string }; events: { reason: string }[]; containers: { name: string; state: string; image: string }[]; yaml: string; manifest: { metadata: { name: string } } } }>(
      'query($ns: String!, $name: String!) { pod(namespace: $ns, name: $name) { name status ownerChain { apiVersion kind name uid } node { name } events { reason message } containers { name image state ready restartCount requests { cpu memory } } yaml manifest scheduling { message } } }',
      { ns, name: pod.metadata.name },
    );
    expect(data.pod.ownerChain.map((o) => o.kind)).toEqual(['ReplicaSet', 'Deployment']);
    expect(data.pod.ownerChain[1].name).toBe('web');
    expect(data.pod.node.name).toBe((pod.spec as { nodeName: string }).nodeName);
    expect(data.pod.events.map((e) => e.reason)).toEqual(expect.arrayContaining(['Scheduled', 'Started']));
    expect(data.pod.containers).toEqual([expect.objectContaining({ name: 'web', state: 'running', image: 'nginx:1.27.1' })]);
    expect(data.pod.yaml).toContain(`name: ${pod.metadata.name}`);
    expect(data.pod.manifest.metadata.name).toBe(pod.metadata.name);
  });

  it('filters events by object, type, reason and time, newest first, and with includeRelated follows a workload down to its pods', async () => {
    const related = await gql.data<{ events: { reason: string; lastTimestamp: string; involvedObject: { kind: string } }[] }>(
      `query($f: EventFilter) { events(filter: $f) { uid type reason message count firstTimestamp lastTimestamp source involvedObject { kind name namespace } } }`,
      { f: { namespace: ns, kind: 'Deployment', name: 'web', includeRelated: true } },
    );
    expect(new Set(related.events.map((e) => e.involvedObject.kind))).toEqual(new Set(['Deployment', 'ReplicaSet', 'Pod']));
    const stamps = related.events.map((e) => e.lastTimestamp);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    const own = await gql.data<{ events: { reason: string; involvedObject: { kind: string; name: string } }[] }>('query($f: EventFilter) { events(filter: $f) { reason involvedObject { kind name } } }', { f: { namespace: ns, kind: 'Deployment', name: 'web' } });
    expect(own.events.length).toBeGreaterThan(0);
    for (const e of own.events) expect(e.involvedObject).toEqual({ kind: 'Deployment', name: 'web' });
    const warnings = await gql.data<{ events: { type: string; reason: string }[] }>('query($f: EventFilter) { events(filter: $f) { type reason } }', { f: { namespace: ns, type: 'Warning', reason: 'FailedScheduling', limit: 1 } });
    expect(warnings.events).toEqual([{ type: 'Warning', reason: 'FailedScheduling' }]);
    const future = await gql.data<{ events: unknown[] }>('query($f: EventFilter) { events(filter: $f) { uid } }', { f: { namespace: ns, since: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(future.events).toEqual([]);
  });

  it('gives the rollout history oldest first with each revision\'s template and the unified diff to the previous one', async () => {
    const data = await gql.data<{ rolloutHistory: { revision: number; current: boolean; images: string[]; changeCause: string | null; templateYaml: string; diff: string; template: { metadata: { labels: Record<string, string> } } }[] }>(
      'query($ns: String!) { rolloutHistory(namespace: $ns, name: "web") { revision replicaSet createdAt changeCause images current template templateYaml diff } }',
      { ns },
    );
    const [first, second] = data.rolloutHistory;
    expect(data.rolloutHistory.map((r) => r.revision)).toEqual([1, 2]);
    expect(first).toMatchObject({ current: false, images: ['nginx:1.27'], diff: '' });
    expect(second).toMatchObject({ current: true, images: ['nginx:1.27.1'], changeCause: 'image 1.27.1' });
    expect(first.template.metadata.labels).toEqual({ app: 'web' });
    expect(second.diff).toMatch(/^--- revision 1$/m);
    expect(second.diff).toMatch(/^\+\+\+ revision 2$/m);
    expect(second.diff).toMatch(/^-\s+- image: nginx:1\.27$/m);
    expect(second.diff).toMatch(/^\+\s+- image: nginx:1\.27\.1$/m);
  });

  it("explains why a Pending pod was not scheduled, node by node, in the scheduler's words and in plain words", async () => {
    const data = await gql.data<{ pod: { status: string; scheduling: { message: string; nodes: { node: string; reasons: string[]; explanation: string }[] } } }>(
      'query($ns: String!) { pod(namespace: $ns, name: "too-big") { status scheduling { message nodes { node reasons explanation } } } }',
      { ns },
    );
    expect(data.pod.status).toBe('Pending');
    expect(data.pod.scheduling.message).toMatch(/^0\/2 nodes are available: 2 Insufficient cpu/);
    expect(data.pod.scheduling.nodes).toHaveLength(2);
    for (const verdict of data.pod.scheduling.nodes) {
      expect(verdict.reasons).toEqual(['Insufficient cpu']);
      expect(verdict.explanation).toContain('not enough unreserved CPU');
    }
  });

  it('filters pods by label selector and search, and answers null for a missing pod', async () => {
    const data = await gql.data<{ byLabel: { name: string }[]; bySearch: { name: string }[]; missing: null }>(
      'query($ns: String) { byLabel: pods(namespace: $ns, labelSelector: "app=web") { name } bySearch: pods(search: "too-b") { name } missing: pod(namespace: "default", name: "nope") { name } }',
      { ns },
    );
    expect(data.byLabel).toHaveLength(2);
    expect(data.bySearch).toEqual([{ name: 'too-big' }]);
    expect(data.missing).toBeNull();
  });

  it('maps a REST error once: NotFound with the Kubernetes reason and HTTP status in extensions', async () => {
    const response = await gql.request('{ rolloutHistory(namespace: "default", name: "nope") { revision } }');
    expect(response.body.errors).toEqual([expect.objectContaining({ message: 'deployments.apps "nope" not found', extensions: { code: 'NotFound', status: 404 } })]);
  });

  it('refuses a request without credentials, or with a wrong token, with HTTP 401', async () => {
    for (const token of [null, 'wrong-token']) {
      const response = await gql.request('{ me { name } }', {}, { token });
      expect(response.status).toBe(401);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors?.[0].extensions).toEqual({ code: 'Unauthorized', status: 401 });
    }
  });

  it('refuses an over-deep query and an over-complex one with a clear error, before running them', async () => {
    const deep = await gql.request('{ workloads { children { children { children { children { children { children { children { children { children { children { name } } } } } } } } } } } }');
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0].message).toMatch(/nested 12 levels deep; the maximum query depth is 10/);
    const aliases = Array.from({ length: 60 }, (_, i) => `n${i}: nodes { pods { name events { reason } } }`).join(' ');
    const complex = await gql.request(`{ ${aliases} }`);
    expect(complex.status).toBe(400);
    expect(complex.body.errors?.[0]).toEqual(expect.objectContaining({ message: expect.stringMatching(/complexity is \d+; the maximum is 5000/), extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }) }));
    expect(complex.body.extensions?.apiRequests ?? 0).toBe(0);
  });
});
