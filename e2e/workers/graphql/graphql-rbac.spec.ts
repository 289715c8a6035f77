import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { eventually, useDrydock } from '../support/use-drydock';
import { collect, graphqlTestClient, GraphqlTestClient } from './support/graphql-test-client';
import { createNamespace, userToken } from './support/fixtures';

const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } });

interface ChangeBatch {
  objectChanges: { kind: string; namespace: string; name: string }[];
}

describe('GraphQL as a non-admin: a user bound to view in one namespace', () => {
  const drydock = useDrydock({ name: 'graphql-rbac', nodes: 1, controlLoop: true, clockScale: 5 });
  const client = () => drydock().client();
  let gql: GraphqlTestClient;
  let token: string;

  beforeAll(async () => {
    gql = graphqlTestClient(drydock());
    await createNamespace(client(), 'blue');
    await createNamespace(client(), 'green');
    await client().create(resources.users, '', { apiVersion: 'drydock.dev/v1', kind: 'User', metadata: { name: 'dev' }, spec: { displayName: 'Dev' } });
    await client().create(resources.rolebindings, 'blue', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'dev-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'dev' }],
    } as unknown as KubeObject);
    token = await userToken(gql, 'dev');
    await client().create(resources.pods, 'blue', pod('existing'));
    // The authorizer reads bindings from the watch cache, a moment behind the store.
    await eventually('the binding in effect', async () => (await gql.request<{ namespaces: { name: string }[] }>('{ namespaces { name } }', {}, { token })).body.data?.namespaces.length === 1, 30_000);
  }, 240_000);
  afterAll(() => gql?.close());

  const asDev = <T>(query: string, variables?: Record<string, unknown>) => gql.request<T>(query, variables, { token });
  /** As the dashboard asks: all namespaces means all the caller can reach. */
  const reachable = { 'x-drydock-namespaces': 'reachable' };

  it('lists only the namespace the user may list pods in, and says they may not list namespaces', async () => {
    const response = await asDev<{ namespaces: { name: string }[]; me: { name: string; canListNamespaces: boolean } }>('{ namespaces { name } me { name canListNamespaces } }');
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ namespaces: [{ name: 'blue' }], me: { name: 'dev', canListNamespaces: false } });
  });

  it('answers permissions with the verb and resource RBAC denies', async () => {
    const response = await asDev<{ permissions: { verb: string; allowed: boolean; reason: string | null }[] }>(
      '{ permissions(checks: [{ verb: "get", resource: "pods", namespace: "blue" }, { verb: "delete", resource: "pods", namespace: "blue" }, { verb: "get", resource: "pods", namespace: "blue" }]) { verb allowed reason } }',
    );
    expect(response.body.data?.permissions).toEqual([
      { verb: 'get', allowed: true, reason: null },
      { verb: 'delete', allowed: false, reason: 'you cannot delete pods in blue (RBAC)' },
      { verb: 'get', allowed: true, reason: null },
    ]);
    // Three checks, two distinct questions: two access reviews.
    expect(response.body.extensions?.apiRequests).toBe(2);
  });

  it("shows the user's rules in its namespace as the rules review gives them", async () => {
    const response = await asDev<{ accessRules: { resourceRules: { verbs: string[]; resources: string[] }[] } }>('{ accessRules(namespace: "blue") { incomplete resourceRules { verbs apiGroups resources resourceNames } } }');
    expect(response.body.data?.accessRules.resourceRules).toContainEqual(expect.objectContaining({ resources: expect.arrayContaining(['pods']), verbs: expect.arrayContaining(['get', 'list', 'watch']) }));
  });

  it('refuses an all-namespaces list as upstream does, and answers it with its namespaces when asked for reachable ones', async () => {
    await client().create(resources.pods, 'green', pod('secret-green'));
    const refused = await asDev<{ pods: unknown[] }>('{ pods { namespace name } }');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('Forbidden');
    const response = await gql.request<{ pods: { namespace: string; name: string }[] }>('{ pods { namespace name } }', {}, { token, headers: reachable });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.pods).toEqual([{ namespace: 'blue', name: 'existing' }]);
  });

  it("never delivers another namespace's objects through an all-namespaces subscription of reachable namespaces, and refuses a watch of that namespace", async () => {
    const sub = collect<ChangeBatch>(gql.ws({ token, headers: reachable }), 'subscription { objectChanges(kinds: ["Pod"]) { kind namespace name } }', {});
    const refused = collect<ChangeBatch>(gql.ws({ token }), 'subscription { objectChanges(kinds: ["Pod"], namespace: "green") { kind namespace name } }', {});
    const clusterWide = collect<ChangeBatch>(gql.ws({ token }), 'subscription { objectChanges(kinds: ["Pod"]) { kind namespace name } }', {});
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await client().create(resources.pods, 'green', pod('green-pod'));
      await client().create(resources.pods, 'blue', pod('blue-pod'));
      await eventually('blue-pod through the subscription', () => sub.messages.flatMap((batch) => batch.objectChanges).some((change) => change.name === 'blue-pod'), 30_000);
      // green-pod was written first: had it been delivered, it would have arrived before blue-pod.
      expect(sub.messages.flatMap((batch) => batch.objectChanges).filter((change) => change.namespace !== 'blue')).toEqual([]);
      expect(sub.errors).toEqual([]);
      await eventually('the green subscription refused', () => refused.errors.length > 0, 30_000);
      expect(JSON.stringify(refused.errors)).toContain('forbidden');
      expect(refused.messages).toEqual([]);
      // Without asking for reachable namespaces, a cluster-wide watch is upstream's Forbidden.
      await eventually('the cluster-wide subscription refused', () => clusterWide.errors.length > 0, 30_000);
      expect(clusterWide.messages).toEqual([]);
    } finally {
      sub.stop();
      refused.stop();
      clusterWide.stop();
    }
  });

  it('shows a user bound to nothing nothing: no namespace, no pod through a list, a relation or the summary', async () => {
    await client().create(resources.users, '', { apiVersion: 'drydock.dev/v1', kind: 'User', metadata: { name: 'outsider' }, spec: {} });
    const outsider = await userToken(gql, 'outsider');
    const namespaces = await gql.request<{ namespaces: { name: string }[] }>('{ namespaces { name } }', {}, { token: outsider, headers: reachable });
    expect(namespaces.body.data).toEqual({ namespaces: [] });
    // No namespace to reach: the all-namespaces list stays upstream's Forbidden.
    const everywhere = await gql.request<{ pods: unknown }>('{ pods { name namespace } }', {}, { token: outsider, headers: reachable });
    expect(everywhere.body.errors?.[0]?.extensions?.code).toBe('Forbidden');
    const blue = await gql.request<{ pods: unknown }>('{ pods(namespace: "blue") { name node { name } } }', {}, { token: outsider });
    expect(blue.body.errors?.[0]?.extensions?.code).toBe('Forbidden');
    const summary = await gql.request<{ clusterSummary: { pods: { total: number }; problems: unknown[]; forbidden: string[] } }>('{ clusterSummary { pods { total } problems { name } forbidden } }', {}, { token: outsider });
    expect(summary.body.data?.clusterSummary).toEqual({ pods: { total: 0 }, problems: [], forbidden: ['events', 'nodes', 'pods'] });
    for (const answer of [everywhere, blue, summary]) expect(JSON.stringify(answer.body)).not.toMatch(/existing|secret-green|blue-pod|green-pod/);
  });
});
