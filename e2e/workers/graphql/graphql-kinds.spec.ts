import { createHash } from 'node:crypto';
import { resources, ResourceRef } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { eventually, useDrydock } from '../support/use-drydock';
import { collect, graphqlTestClient, GraphqlTestClient } from './support/graphql-test-client';
import { createNamespace } from './support/fixtures';

const crds: ResourceRef = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', kind: 'CustomResourceDefinition', namespaced: false };

const widgetCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer', format: 'int32' }, color: { type: 'string' }, port: { 'x-kubernetes-int-or-string': true } } } } } },
      },
    ],
  },
} as unknown as KubeObject;

describe('GraphQL: every kind as generated types (appsV1Deployment, coreV1ServiceList …)', () => {
  const drydock = useDrydock({ name: 'graphql-kinds', nodes: 0 });
  const client = () => drydock().client();
  let gql: GraphqlTestClient;
  /** As user `dev`, who may read configmaps, services and pods in `blue` only (the admin may impersonate, as on REST). */
  const asDev = <T>(query: string) => gql.request<T>(query, {}, { headers: { 'Impersonate-User': 'dev' } });

  beforeAll(async () => {
    gql = graphqlTestClient(drydock());
    await createNamespace(client(), 'blue');
    await createNamespace(client(), 'green');
    for (const ns of ['blue', 'green']) {
      await client().create(resources.configmaps, ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { app: 'web' } }, data: { mode: ns } } as KubeObject);
      await client().create(resources.services, ns, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } } as KubeObject);
    }
    // A Role of its own (the aggregated `view` gets its rules from the controller-manager, which this Drydock does not run).
    const roles: ResourceRef = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role', namespaced: true };
    await client().create(roles, 'blue', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['configmaps', 'services', 'pods'], verbs: ['get', 'list', 'watch'] }] } as unknown as KubeObject);
    await client().create(resources.rolebindings, 'blue', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'dev-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'dev' }],
    } as unknown as KubeObject);
    for (const name of ['web-1', 'web-2']) {
      await client().create(resources.pods, 'blue', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27', envFrom: [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'creds' } }] }] },
      } as KubeObject);
    }
    await client().create(resources.pods, 'blue', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'other', labels: { app: 'other' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } as KubeObject);
    // The authorizer reads bindings from the watch cache, a moment behind the store.
    await eventually('the binding in effect', async () => (await asDev('{ coreV1ConfigMapList(namespace: "blue") { items { metadata { name } } } }')).body.errors === undefined, 30_000);
  }, 120_000);
  afterAll(() => gql?.close());

  it('reads a kind and its list with every field typed (IntOrString, Time, selectors, limit and continue)', async () => {
    const response = await gql.request<{ coreV1Service: { kind: string; spec: { ports: { port: number; targetPort: string }[] }; metadata: { creationTimestamp: string } }; coreV1ConfigMapList: { metadata: { continue: string | null }; items: { metadata: { namespace: string }; data: Record<string, string> }[] } }>(
      '{ coreV1Service(namespace: "blue", name: "web") { kind spec { ports { port targetPort } } metadata { creationTimestamp } } coreV1ConfigMapList(labelSelector: "app=web", limit: 1) { metadata { continue } items { metadata { namespace } data } } }',
    );
    expect(response.body.errors).toBeUndefined();
    const { coreV1Service, coreV1ConfigMapList } = response.body.data!;
    expect(coreV1Service.kind).toBe('Service');
    expect(coreV1Service.spec.ports).toEqual([{ port: 80, targetPort: 'http' }]);
    expect(Number.isNaN(Date.parse(coreV1Service.metadata.creationTimestamp))).toBe(false);
    expect(coreV1ConfigMapList.items).toHaveLength(1);
    const next = await gql.request<{ coreV1ConfigMapList: { items: { metadata: { namespace: string } }[] } }>('query($c: String) { coreV1ConfigMapList(labelSelector: "app=web", limit: 1, continue: $c) { items { metadata { namespace } } } }', { c: coreV1ConfigMapList.metadata.continue });
    expect([...coreV1ConfigMapList.items, ...next.body.data!.coreV1ConfigMapList.items].map((item) => item.metadata.namespace).sort()).toEqual(['blue', 'green']);
  });

  it('creates, patches, applies and deletes through typed mutations, with the API server\'s own errors', async () => {
    const created = await gql.request<{ createCoreV1ConfigMap: { metadata: { name: string }; data: Record<string, string> } }>('mutation { createCoreV1ConfigMap(namespace: "green", body: { metadata: { name: "made" }, data: { a: "1" } }) { metadata { name } data } }');
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data!.createCoreV1ConfigMap).toEqual({ metadata: { name: 'made' }, data: { a: '1' } });
    const again = await gql.request('mutation { createCoreV1ConfigMap(namespace: "green", body: { metadata: { name: "made" } }) { metadata { name } } }');
    expect(again.body.errors?.[0]).toMatchObject({ message: 'configmaps "made" already exists', extensions: { code: 'AlreadyExists', status: 409 } });
    const patched = await gql.request<{ patchCoreV1ConfigMap: { data: Record<string, string> } }>('mutation { patchCoreV1ConfigMap(namespace: "green", name: "made", type: MERGE, patch: { data: { b: "2" } }) { data } }');
    expect(patched.body.data!.patchCoreV1ConfigMap.data).toEqual({ a: '1', b: '2' });
    const applied = await gql.request<{ applyAppsV1Deployment: { spec: { replicas: number; template: { spec: { containers: { resources: { requests: Record<string, string> } }[] } } }; metadata: { managedFields: { manager: string }[] } } }>(
      'mutation { applyAppsV1Deployment(namespace: "green", name: "api", fieldManager: "e2e", body: { spec: { replicas: 2, selector: { matchLabels: { app: "api" } }, template: { metadata: { labels: { app: "api" } }, spec: { containers: [{ name: "api", image: "nginx:1.27", resources: { requests: { cpu: "100m" } } }] } } } }) { spec { replicas template { spec { containers { resources { requests } } } } } metadata { managedFields { manager } } } }',
    );
    expect(applied.body.errors).toBeUndefined();
    expect(applied.body.data!.applyAppsV1Deployment.spec.replicas).toBe(2);
    expect(applied.body.data!.applyAppsV1Deployment.metadata.managedFields.map((entry) => entry.manager)).toContain('e2e');
    const deleted = await gql.request<{ deleteAppsV1Deployment: { kind: string } }>('mutation { deleteAppsV1Deployment(namespace: "green", name: "api", propagationPolicy: Foreground) }');
    expect(deleted.body.errors).toBeUndefined();
    const gone = await gql.request('{ coreV1ConfigMap(namespace: "green", name: "nothing") { metadata { name } } }');
    expect(gone.body.errors?.[0]).toMatchObject({ message: 'configmaps "nothing" not found', extensions: { code: 'NotFound', status: 404 } });
  });

  it('answers a non-admin as REST does: their namespace, and Forbidden with the Status\'s message for others', async () => {
    const mine = await asDev<{ coreV1ConfigMapList: { items: { metadata: { namespace: string; name: string } }[] } }>('{ coreV1ConfigMapList(namespace: "blue") { items { metadata { namespace name } } } }');
    expect(mine.body.errors).toBeUndefined();
    const items = mine.body.data!.coreV1ConfigMapList.items;
    expect([...new Set(items.map((item) => item.metadata.namespace))]).toEqual(['blue']);
    expect(items.map((item) => item.metadata.name)).toContain('settings');
    const theirs = await asDev<{ coreV1ConfigMap: unknown }>('{ coreV1ConfigMap(namespace: "green", name: "settings") { data } }');
    expect(theirs.body.data?.coreV1ConfigMap).toBeNull();
    expect(theirs.body.errors?.[0]).toMatchObject({ message: 'configmaps "settings" is forbidden: User "dev" cannot get resource "configmaps" in API group "" in the namespace "green"', extensions: { code: 'Forbidden', status: 403 } });
    const everywhere = await asDev<{ coreV1ConfigMapList: unknown }>('{ coreV1ConfigMapList { items { metadata { name } } } }');
    expect(everywhere.body.data?.coreV1ConfigMapList).toBeNull();
    expect(everywhere.body.errors?.[0].extensions).toMatchObject({ code: 'Forbidden', status: 403 });
  });

  it('answers the Services of a namespace with the pods each selects in one query, in a bounded number of REST reads', async () => {
    const response = await gql.request<{ coreV1ServiceList: { items: { metadata: { name: string }; selectedPods: { metadata: { name: string }; configMaps: { metadata: { name: string } }[] }[] }[] } }>(
      '{ coreV1ServiceList(namespace: "blue") { items { metadata { name } selectedPods { metadata { name } configMaps { metadata { name } } } } } }',
    );
    expect(response.body.errors).toBeUndefined();
    const web = response.body.data!.coreV1ServiceList.items.find((service) => service.metadata.name === 'web')!;
    expect(web.selectedPods.map((pod) => pod.metadata.name).sort()).toEqual(['web-1', 'web-2']);
    // envFrom's, and kube-root-ca.crt of the token volume ServiceAccount admission adds.
    expect(web.selectedPods[0].configMaps).toEqual([{ metadata: { name: 'kube-root-ca.crt' } }, { metadata: { name: 'settings' } }]);
    // The services, the namespace's pods once, and each ConfigMap the pods use once.
    expect(response.body.extensions?.apiRequests).toBe(4);
  });

  it('shows a non-admin no object through a relation they may not read: a Secret is null with its Forbidden error', async () => {
    const response = await asDev<{ coreV1Pod: { configMaps: { metadata: { name: string } }[]; secrets: (unknown | null)[]; serviceAccount: unknown } }>('{ coreV1Pod(namespace: "blue", name: "web-1") { configMaps { metadata { name } } secrets { data } serviceAccount { metadata { name } } } }');
    expect(response.body.data!.coreV1Pod.configMaps).toEqual([{ metadata: { name: 'kube-root-ca.crt' } }, { metadata: { name: 'settings' } }]);
    expect(response.body.data!.coreV1Pod.secrets).toEqual([null]);
    expect(response.body.data!.coreV1Pod.serviceAccount).toBeNull();
    const messages = ((response.body.errors ?? []) as { path?: (string | number)[]; message: string }[]).map((error) => `${error.path?.join('.')}: ${error.message}`).sort();
    expect(messages).toEqual([
      'coreV1Pod.secrets.0: secrets "creds" is forbidden: User "dev" cannot get resource "secrets" in API group "" in the namespace "blue"',
      'coreV1Pod.serviceAccount: serviceaccounts "default" is forbidden: User "dev" cannot get resource "serviceaccounts" in API group "" in the namespace "blue"',
    ]);
  });

  it('watches a kind from a resourceVersion: every later change once, in order, with bookmarks allowed', async () => {
    const start = await gql.request<{ coreV1ConfigMapList: { metadata: { resourceVersion: string } } }>('{ coreV1ConfigMapList(namespace: "green") { metadata { resourceVersion } } }');
    const from = start.body.data!.coreV1ConfigMapList.metadata.resourceVersion;
    // Changes made before the subscription opens, after `from`: a resumed watch still gets them.
    await client().create(resources.configmaps, 'green', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w' }, data: { step: '1' } } as KubeObject);
    const ws = gql.ws();
    type Batch = { coreV1ConfigMapWatch: { events: { type: string; object: { metadata: { name: string; resourceVersion: string }; data: Record<string, string> | null } }[] } };
    const watch = collect<Batch>(ws, 'subscription($rv: String) { coreV1ConfigMapWatch(namespace: "green", resourceVersion: $rv, allowWatchBookmarks: true) { events { type object { metadata { name resourceVersion } data } } } }', { rv: from });
    try {
      await client().patch(resources.configmaps, 'green', 'w', { data: { step: '2' } }, 'merge');
      await client().delete(resources.configmaps, 'green', 'w');
      const changes = () => watch.messages.flatMap((message) => message.coreV1ConfigMapWatch.events).filter((event) => event.type !== 'BOOKMARK' && event.object.metadata.name === 'w');
      await eventually('three changes of w', async () => changes().length >= 3, 30_000);
      expect(watch.errors).toEqual([]);
      expect(changes().map((event) => [event.type, event.object.data?.step])).toEqual([['ADDED', '1'], ['MODIFIED', '2'], ['DELETED', '2']]);
    } finally {
      watch.stop();
    }
    // A non-admin's watch of a namespace they may not read is refused with the API's Forbidden.
    const refused = collect<Batch>(gql.ws({ headers: { 'Impersonate-User': 'dev' } }), 'subscription { coreV1ConfigMapWatch(namespace: "green") { events { type } } }');
    await eventually('the refusal', async () => refused.errors.length > 0 || refused.isCompleted(), 30_000);
    expect(JSON.stringify(refused.errors)).toContain('configmaps is forbidden: User \\"dev\\" cannot watch resource \\"configmaps\\"');
    expect(refused.messages.every((message) => message.coreV1ConfigMapWatch === null)).toBe(true);
  });

  it('serves a CRD\'s kind once it is established, without a restart', async () => {
    const before = await gql.request('{ comExampleV1WidgetList(namespace: "blue") { items { spec { size } } } }');
    expect(before.status).toBe(400);
    await client().create(crds, '', widgetCrd);
    await eventually('the Widget kind in the schema', async () => (await gql.request('{ __type(name: "ComExampleV1Widget") { name } }')).body.data?.__type != null, 30_000);
    const created = await gql.request<{ createComExampleV1Widget: { spec: { size: number; color: string; port: string } } }>('mutation { createComExampleV1Widget(namespace: "blue", body: { metadata: { name: "w1" }, spec: { size: 3, color: "red", port: "http" } }) { spec { size color port } } }');
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data!.createComExampleV1Widget.spec).toEqual({ size: 3, color: 'red', port: 'http' });
    const listed = await gql.request<{ comExampleV1WidgetList: { items: { metadata: { name: string }; spec: { size: number } }[] } }>('{ comExampleV1WidgetList(namespace: "blue") { items { metadata { name } spec { size } } } }');
    expect(listed.body.data!.comExampleV1WidgetList.items).toEqual([{ metadata: { name: 'w1' }, spec: { size: 3 } }]);
    // The dashboard's own schema is still there beside it.
    expect((await gql.request<{ namespaces: unknown[] }>('{ namespaces { name } }')).body.data!.namespaces.length).toBeGreaterThan(0);
  });

  it('gives the dashboard the served kinds and a kind\'s Table (its printer columns), as the caller', async () => {
    const kinds = await gql.request<{ kinds: { group: string; resource: string; getField: string; namespaced: boolean }[] }>('{ kinds { group resource getField namespaced } }');
    expect(kinds.body.data!.kinds).toEqual(expect.arrayContaining([{ group: '', resource: 'configmaps', getField: 'coreV1ConfigMap', namespaced: true }, { group: 'apps', resource: 'deployments', getField: 'appsV1Deployment', namespaced: true }]));
    const table = await gql.request<{ kindTable: { columns: { name: string; priority: number }[]; rows: { name: string; namespace: string; cells: unknown[] }[] } }>('{ kindTable(group: "", version: "v1", resource: "configmaps", namespace: "blue") { columns { name priority } rows { name namespace cells } } }');
    expect(table.body.errors).toBeUndefined();
    expect(table.body.data!.kindTable.columns.map((column) => column.name)).toEqual(['Name', 'Data', 'Age']);
    expect(table.body.data!.kindTable.rows.find((row) => row.name === 'settings')).toMatchObject({ namespace: 'blue', cells: ['settings', 1, expect.any(String)] });
    // Null arguments (what a client sends for an unset variable) are not given: all namespaces, no selector.
    const everywhere = await gql.request<{ kindTable: { rows: { name: string; namespace: string }[] } }>('query($ns: String, $l: String) { kindTable(group: "", version: "v1", resource: "configmaps", namespace: $ns, labelSelector: $l) { rows { name namespace } } }', { ns: null, l: null });
    expect(everywhere.body.data!.kindTable.rows).toEqual(expect.arrayContaining([{ name: 'settings', namespace: 'blue' }, { name: 'settings', namespace: 'green' }]));
    const refused = await asDev('{ kindTable(group: "", version: "v1", resource: "configmaps", namespace: "green") { rows { name } } }');
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'Forbidden', status: 403 });
    const object = await gql.request<{ kindObject: { data: Record<string, string> } }>('{ kindObject(group: "", version: "v1", resource: "configmaps", namespace: "blue", name: "settings") }');
    expect(object.body.data!.kindObject.data).toEqual({ mode: 'blue' });
  });

  it('lists the bindings that grant a role: a Role\'s RoleBindings, a ClusterRole\'s ClusterRoleBindings', async () => {
    const data = await gql.data<{ rbacV1Role: { bindings: { kind: string; metadata: { name: string; namespace: string } }[] }; rbacV1ClusterRole: { bindings: { kind: string; metadata: { name: string } }[] } }>(
      '{ rbacV1Role(namespace: "blue", name: "reader") { bindings { kind metadata { name namespace } } } rbacV1ClusterRole(name: "cluster-admin") { bindings { kind metadata { name } } } }',
    );
    expect(data.rbacV1Role.bindings).toEqual([{ kind: 'RoleBinding', metadata: { name: 'dev-view', namespace: 'blue' } }]);
    // The bootstrap policy binds cluster-admin to system:masters (upstream's ClusterRoleBinding cluster-admin).
    expect(data.rbacV1ClusterRole.bindings).toEqual(expect.arrayContaining([{ kind: 'ClusterRoleBinding', metadata: { name: 'cluster-admin' } }]));
    expect(data.rbacV1ClusterRole.bindings.every((binding) => ['ClusterRoleBinding', 'RoleBinding'].includes(binding.kind))).toBe(true);
  });

  it('answers persisted queries (Apollo\'s automatic persisted queries): an unknown hash is PersistedQueryNotFound, a hash sent once with its document runs alone after', async () => {
    const document = 'query PersistedKinds { coreV1ConfigMap(namespace: "blue", name: "settings") { data } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(document).digest('hex') };
    const unknown = await gql.post({ operationName: 'PersistedKinds', extensions: { persistedQuery } });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ message: 'PersistedQueryNotFound', extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) })]);
    expect(unknown.body.data).toBeUndefined();
    const registered = await gql.post<{ coreV1ConfigMap: { data: Record<string, string> } }>({ query: document, extensions: { persistedQuery } });
    expect(registered.body.data?.coreV1ConfigMap.data).toEqual({ mode: 'blue' });
    const byHash = await gql.post<{ coreV1ConfigMap: { data: Record<string, string> } }>({ operationName: 'PersistedKinds', extensions: { persistedQuery } });
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data?.coreV1ConfigMap.data).toEqual({ mode: 'blue' });
    // A document that is not the hash's is refused, never stored under it.
    const forged = await gql.post({ query: '{ kinds { kind } }', extensions: { persistedQuery } });
    expect(forged.status).toBe(400);
    expect(forged.body.errors?.[0].message).toBe('provided sha does not match query');
  });

  it('answers a malformed query with a GraphQL error, never a 500', async () => {
    for (const query of ['{ coreV1ConfigMapList(namespace: ) { items } }', '{ coreV1ConfigMap(name: "x") { metadata { name } } }', '{ coreV1ConfigMapList { items { nosuchfield } } }']) {
      const response = await gql.request(query);
      expect(response.status).toBe(400);
      expect(response.body.errors?.length).toBeGreaterThan(0);
    }
  });
});
