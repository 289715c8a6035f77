import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { eventually } from './cluster/support/cluster';
import { cells, expectFailure, expectSuccess, lines } from './harness/expectations';
import { REPO_ROOT } from './harness/drydock.harness';
import { useDrydock } from './harness/use-drydock';

const setup = `apiVersion: drydock.dev/v1
kind: User
metadata: {name: alice}
---
apiVersion: drydock.dev/v1
kind: User
metadata: {name: bob}
---
apiVersion: drydock.dev/v1
kind: User
metadata: {name: carol}
---
apiVersion: drydock.dev/v1
kind: Team
metadata: {name: blue}
spec:
  members:
  - {user: alice, role: admin}
  - {user: carol, role: view}
---
apiVersion: drydock.dev/v1
kind: Cluster
metadata: {name: lab}
spec:
  owner: {team: blue}
  nodes: 0
---
apiVersion: drydock.dev/v1
kind: Cluster
metadata: {name: bobs}
spec:
  owner: {user: bob}
  nodes: 0
`;

const crd = path.join(REPO_ROOT, 'e2e/kubectl/fixtures/custom-resources/crontab-crd.yaml');
const chart = path.join(REPO_ROOT, 'e2e/kubectl/fixtures/charts/hello');

describe('sandbox clusters (drydock.dev/v1 Cluster) served at /clusters/<name>', () => {
  // bob owns bobs, lab-copy and (for a while) tight: a limit of 3 lets the cases make them and refuses a fourth.
  const drydock = useDrydock({ DRYDOCK_MAX_CLUSTERS_PER_OWNER: '3' });
  const kubectl = (...args: string[]) => drydock().run(args);
  const write = (name: string, text: string) => {
    const file = path.join(drydock().workDir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const kubeconfigs: Record<string, string> = {};
  const servers: Record<string, string> = {};
  /** kubectl as `user` (admin: the launcher's kubeconfig) against sandbox `cluster`, as a kubeconfig context pointing there would. */
  const inCluster = (cluster: string, user: string, ...args: string[]) =>
    drydock().run([...(user === 'admin' ? [] : ['--kubeconfig', kubeconfigs[user]]), '--server', servers[cluster], ...args]);

  beforeAll(async () => {
    expectSuccess(await kubectl('apply', '-f', write('setup.yaml', setup)));
    for (const user of ['alice', 'bob', 'carol']) {
      kubeconfigs[user] = write(`${user}.kubeconfig`, expectSuccess(await kubectl('create', '--raw', `/apis/drydock.dev/v1/users/${user}/kubeconfig?tokenName=sandbox-e2e`, '-f', '/dev/null')));
    }
    const base = (parse(fs.readFileSync(drydock().kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[] }).clusters[0].cluster.server;
    for (const cluster of ['lab', 'bobs']) {
      servers[cluster] = await eventually(`cluster ${cluster} bootstrapped`, async () => {
        const object = JSON.parse(expectSuccess(await kubectl('get', 'cluster', cluster, '-o', 'json')));
        const bootstrapped = object.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Bootstrapped' && c.status === 'True');
        return bootstrapped ? (object.status.server as string) : undefined;
      }, 120_000, async () => {
        const yaml = expectSuccess(await kubectl('get', 'cluster', cluster, '-o', 'yaml'));
        const log = path.join(drydock().dataDir, 'logs', 'apiserver.log');
        const lines = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((line) => line.includes(`"cluster":"${cluster}"`)).slice(-20) : [];
        return `${yaml}\nthe API server's last lines about ${cluster}:\n${lines.join('\n')}`;
      });
      expect(servers[cluster]).toBe(`${base}/clusters/${cluster}`);
    }
  });

  it('kubectl get clusters prints owner, nodes, pods and phase', async () => {
    const rows = lines(expectSuccess(await kubectl('get', 'clusters'))).map(cells);
    expect(rows[0]).toEqual(['NAME', 'OWNER', 'NODES', 'PODS', 'PHASE', 'AGE']);
    expect(rows.slice(1).map((row) => row.slice(0, 5))).toEqual([['bobs', 'user/bob', '0/0', '0', 'Ready'], ['lab', 'team/blue', '0/0', '0', 'Ready']]);
  });

  it('a new cluster has its own namespaces and bootstrap RBAC, and the owner team\'s roles', async () => {
    const namespaces = lines(expectSuccess(await inCluster('lab', 'alice', 'get', 'namespaces', '-o', 'name')));
    expect(namespaces).toEqual(['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
    expect(expectSuccess(await inCluster('lab', 'alice', 'get', 'clusterrole', 'cluster-admin', '-o', 'name'))).toBe('clusterrole.rbac.authorization.k8s.io/cluster-admin\n');
    await eventually('alice is cluster-admin in lab', async () => ((await inCluster('lab', 'alice', 'auth', 'can-i', '*', '*')).stdout.trim() === 'yes' ? true : undefined));
    // Its own API Priority and Fairness configuration, made from upstream's bootstrap objects, and its own levels.
    const schemas = await eventually('lab\'s FlowSchemas', async () => {
      const out = lines((await inCluster('lab', 'alice', 'get', 'flowschemas', '-o', 'name')).stdout);
      return out.length === 13 ? out : undefined;
    });
    expect(schemas).toContain('flowschema.flowcontrol.apiserver.k8s.io/system-leader-election');
    const levels = lines(expectSuccess(await inCluster('lab', 'alice', 'get', '--raw', '/debug/api_priority_and_fairness/dump_priority_levels')));
    expect(levels.map((line) => line.split(',')[0])).toEqual(['PriorityLevelName', 'catch-all', 'exempt', 'global-default', 'leader-election', 'node-high', 'system', 'workload-high', 'workload-low']);
    // carol (view) is let in (the view ClusterRole's rules are aggregated by the controller-manager), but may not write.
    expect(expectSuccess(await inCluster('lab', 'carol', 'get', '--raw', '/api'))).toContain('"kind":"APIVersions"');
    expect((await inCluster('lab', 'carol', 'auth', 'can-i', 'create', 'configmaps')).stdout.trim()).toBe('no');
    // The same user has none of these rights in the default cluster.
    expect((await kubectl('--kubeconfig', kubeconfigs.alice, 'auth', 'can-i', 'list', 'pods', '-A')).stdout.trim()).toBe('no');
  });

  it('objects written in one cluster are not in another, and the default cluster is untouched', async () => {
    const before = expectSuccess(await kubectl('get', 'configmaps', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}@{.metadata.resourceVersion} {end}'));
    expectSuccess(await inCluster('lab', 'alice', 'create', 'configmap', 'only-in-lab', '--from-literal=a=b'));
    expectSuccess(await inCluster('lab', 'alice', 'apply', '--server-side', '-f', write('ssa.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied, namespace: default}\ndata: {k: v}\n')));
    expect(expectSuccess(await inCluster('lab', 'alice', 'get', 'configmap', 'applied', '-o', 'jsonpath={.metadata.managedFields[0].operation}'))).toBe('Apply');
    expect(expectFailure(await kubectl('get', 'configmap', 'only-in-lab'))).toContain('Error from server (NotFound): configmaps "only-in-lab" not found');
    expect(expectFailure(await inCluster('bobs', 'bob', 'get', 'configmap', 'only-in-lab'))).toContain('Error from server (NotFound): configmaps "only-in-lab" not found');
    const after = expectSuccess(await kubectl('get', 'configmaps', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}@{.metadata.resourceVersion} {end}'));
    expect(after).toBe(before);
  });

  it('a user outside the owner team is Forbidden on every path of the cluster', async () => {
    const forbidden = [
      [['get', 'pods'], 'Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"'],
      [['get', '--raw', '/api'], 'Error from server (Forbidden): forbidden: User "bob" cannot get path "/api"'],
      [['get', '--raw', '/api/v1/configmaps?watch=true'], 'Error from server (Forbidden): configmaps is forbidden: User "bob" cannot watch resource "configmaps" in API group "" at the cluster scope'],
      [['logs', 'nope'], 'Error from server (Forbidden): pods "nope" is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "default"'],
    ] as const;
    for (const [args, message] of forbidden) expect(expectFailure(await inCluster('lab', 'bob', ...args))).toContain(message);
    expect(expectFailure(await inCluster('lab', 'bob', 'exec', 'nope', '--', 'true'))).toContain('(Forbidden)');
    // bob's own cluster is his.
    expect((await inCluster('bobs', 'bob', 'auth', 'can-i', '*', '*')).stdout.trim()).toBe('yes');
  });

  it('a CRD installed in one cluster is served there and in no other', async () => {
    expectSuccess(await inCluster('lab', 'alice', 'apply', '-f', crd));
    await eventually('crontabs served in lab', async () => ((await inCluster('lab', 'alice', 'get', 'crontabs')).code === 0 ? true : undefined));
    expect(expectSuccess(await inCluster('lab', 'alice', 'api-resources', '--api-group=stable.example.com'))).toContain('crontabs');
    expect(expectFailure(await kubectl('get', 'crontabs'))).toContain(`the server doesn't have a resource type "crontabs"`);
    expect(expectFailure(await inCluster('bobs', 'bob', 'get', 'crontabs'))).toContain(`the server doesn't have a resource type "crontabs"`);
    expect(expectFailure(await kubectl('get', 'crd', 'crontabs.stable.example.com'))).toContain('NotFound');
  });

  it("a user's kubeconfig holds a context per cluster they can reach, and use-context switches", async () => {
    const contexts: Record<string, string[]> = {};
    for (const user of ['alice', 'bob']) {
      const file = write(`${user}-all.kubeconfig`, expectSuccess(await kubectl('create', '--raw', `/apis/drydock.dev/v1/users/${user}/kubeconfig?tokenName=contexts`, '-f', '/dev/null')));
      contexts[user] = lines(expectSuccess(await kubectl('--kubeconfig', file, 'config', 'get-contexts', '-o', 'name')));
      if (user === 'alice') {
        expectSuccess(await kubectl('--kubeconfig', file, 'config', 'use-context', 'drydock-lab'));
        expect(expectSuccess(await kubectl('--kubeconfig', file, 'get', 'configmap', 'only-in-lab', '-n', 'default', '-o', 'name'))).toBe('configmap/only-in-lab\n');
      }
    }
    expect(contexts).toEqual({ alice: ['drydock', 'drydock-lab'], bob: ['drydock', 'drydock-bobs'] });
  });

  it('GraphQL at /clusters/<name>/graphql answers from that cluster as the caller, the dashboard\'s schema and every kind\'s', async () => {
    const tokenOf = (user: string) => (parse(fs.readFileSync(kubeconfigs[user], 'utf8')) as { users: { user: { token: string } }[] }).users[0].user.token;
    const graphql = async (path: string, user: string, query: string) => {
      const response = await drydock().api.request('POST', path, { token: tokenOf(user), headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
      return response.json as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
    };
    const query = '{ namespaces { name } coreV1ConfigMapList(namespace: "default") { items { metadata { name } } } }';
    const inLab = await graphql('/clusters/lab/graphql', 'alice', query);
    expect(inLab.errors).toBeUndefined();
    expect((inLab.data!.namespaces as { name: string }[]).map((namespace) => namespace.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    const names = (inLab.data!.coreV1ConfigMapList as { items: { metadata: { name: string } }[] }).items.map((item) => item.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['applied', 'only-in-lab']));
    // The same query at /graphql is the default cluster's, where alice may not list configmaps in default.
    const inDefault = await graphql('/graphql', 'alice', '{ coreV1ConfigMapList(namespace: "default") { items { metadata { name } } } }');
    expect(inDefault.errors?.[0]?.extensions?.code).toBe('Forbidden');
    // bob is no one in lab: refused there, whatever he asks; an unknown cluster is NotFound.
    const outsider = await graphql('/clusters/lab/graphql', 'bob', '{ coreV1ConfigMapList(namespace: "default") { items { metadata { name } } } }');
    expect(outsider.errors?.[0]?.extensions?.code).toBe('Forbidden');
    const unknown = await graphql('/clusters/nope/graphql', 'alice', '{ coreV1ConfigMapList(namespace: "default") { items { metadata { name } } } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NotFound');
  });

  it('a snapshot taken before a bad helm upgrade restores the previous release, and its watches end with 410', async () => {
    const admin = parse(fs.readFileSync(drydock().kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[] };
    admin.clusters[0].cluster.server = servers.lab;
    const labKubeconfig = write('lab-admin.kubeconfig', JSON.stringify(admin));
    const helm = (...args: string[]) => drydock().helm(args, { env: { KUBECONFIG: labKubeconfig }, timeoutMs: 120_000 });
    expectSuccess(await helm('install', 'hello', chart));
    const uid = expectSuccess(await inCluster('lab', 'alice', 'get', 'configmap', 'only-in-lab', '-o', 'jsonpath={.metadata.uid}'));
    const defaultBefore = expectSuccess(await kubectl('get', 'configmaps,namespaces', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.name}@{.metadata.resourceVersion} {end}'));

    expectSuccess(await kubectl('apply', '-f', write('snapshot.yaml', 'apiVersion: drydock.dev/v1\nkind: ClusterSnapshot\nmetadata: {name: before-upgrade}\nspec: {cluster: lab}\n')));
    expectSuccess(await kubectl('wait', 'clustersnapshot/before-upgrade', '--for=jsonpath={.status.readyToUse}=true', '--timeout=30s'));
    const [header, row] = lines(expectSuccess(await kubectl('get', 'clustersnapshots'))).map(cells);
    expect(header).toEqual(['NAME', 'CLUSTER', 'READYTOUSE', 'OBJECTS', 'REVISION', 'AGE']);
    expect(row.slice(0, 3)).toEqual(['before-upgrade', 'lab', 'True']);
    expect(Number(row[3])).toBeGreaterThan(20);

    // The bad upgrade, and more breakage.
    expectSuccess(await helm('upgrade', 'hello', chart, '--set', 'message=broken'));
    expect(expectSuccess(await helm('status', 'hello'))).toMatch(/REVISION: 2/);
    expectSuccess(await inCluster('lab', 'alice', 'delete', 'configmap', 'only-in-lab'));
    const revision = JSON.parse(expectSuccess(await inCluster('lab', 'admin', 'get', '--raw', '/api/v1/configmaps'))).metadata.resourceVersion as string;
    const watch = await drydock().api.watch(`/clusters/lab/api/v1/configmaps?watch=1&resourceVersion=${revision}`);
    try {
      const restored = expectSuccess(await kubectl('create', '--raw', '/apis/drydock.dev/v1/clusters/lab/restore', '-f', write('restore.json', '{"snapshot":"before-upgrade"}')));
      expect(restored).toContain('"status":"Success"');
      const events = await watch.waitForEvents(1, 60_000, (event) => event.type === 'ERROR');
      expect(events.find((event) => event.type === 'ERROR')?.object).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
    } finally {
      watch.close();
    }
    const status = expectSuccess(await helm('status', 'hello'));
    expect(status).toMatch(/REVISION: 1/);
    expect(status).toMatch(/STATUS: deployed/);
    expect(expectSuccess(await inCluster('lab', 'alice', 'get', 'configmap', 'hello-config', '-o', 'jsonpath={.data.message}'))).not.toBe('broken');
    // The object is back with its uid (as an etcd restore keeps it) and a resourceVersion after the restore.
    const back = JSON.parse(expectSuccess(await inCluster('lab', 'alice', 'get', 'configmap', 'only-in-lab', '-o', 'json')));
    expect(back.metadata.uid).toBe(uid);
    expect(Number(back.metadata.resourceVersion)).toBeGreaterThan(Number(revision));
    // The CRD of the snapshot is served again, and the default cluster did not move.
    await eventually('crontabs served in lab after the restore', async () => ((await inCluster('lab', 'alice', 'get', 'crontabs')).code === 0 ? true : undefined));
    expect(expectSuccess(await kubectl('get', 'configmaps,namespaces', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.name}@{.metadata.resourceVersion} {end}'))).toBe(defaultBefore);
    expect(expectSuccess(await kubectl('get', 'cluster', 'lab', '-o', 'jsonpath={.status.phase}'))).toBe('Ready');
  });

  it('a restore names a ready snapshot of the same cluster (422 otherwise), and needs create on clusters/restore', async () => {
    const restore = (cluster: string, body: string, ...auth: string[]) => kubectl(...auth, 'create', '--raw', `/apis/drydock.dev/v1/clusters/${cluster}/restore`, '-f', write('restore-bad.json', body));
    expect(expectFailure(await restore('lab', '{"snapshot":"nope"}'))).toContain('The Cluster "lab" is invalid: snapshot: Not found: "nope"');
    expect(expectFailure(await restore('bobs', '{"snapshot":"before-upgrade"}'))).toContain('snapshot: Invalid value: "before-upgrade": is a snapshot of cluster "lab"; restore it there, or clone it into a new cluster');
    expect(expectFailure(await restore('lab', '{}'))).toContain('snapshot: Required value');
    expect(expectFailure(await restore('lab', '{"snapshot":"before-upgrade"}', '--kubeconfig', kubeconfigs.bob))).toContain('(Forbidden)');
  });

  it('a clone starts with the snapshot\'s objects, owned by its own owner', async () => {
    const clone = 'apiVersion: drydock.dev/v1\nkind: Cluster\nmetadata: {name: lab-copy}\nspec:\n  owner: {user: bob}\n  nodes: 0\n  source: {snapshot: before-upgrade}\n';
    expectSuccess(await kubectl('apply', '-f', write('clone.yaml', clone)));
    expectSuccess(await kubectl('wait', 'cluster/lab-copy', '--for=condition=Cloned', '--timeout=60s'));
    servers['lab-copy'] = `${servers.lab.replace(/\/clusters\/lab$/, '')}/clusters/lab-copy`;
    await eventually('bob is cluster-admin in lab-copy', async () => ((await inCluster('lab-copy', 'bob', 'auth', 'can-i', '*', '*')).stdout.trim() === 'yes' ? true : undefined));
    const names = (cluster: string, user: string) => inCluster(cluster, user, 'get', 'configmaps,services,secrets', '-n', 'default', '-o', 'name');
    expect(expectSuccess(await names('lab-copy', 'bob'))).toBe(expectSuccess(await names('lab', 'alice')));
    expect(expectSuccess(await inCluster('lab-copy', 'bob', 'get', 'configmap', 'only-in-lab', '-o', 'jsonpath={.data.a}'))).toBe('b');
    // The owner bindings are the clone's own: the source's owner team is not let in.
    expect(expectFailure(await inCluster('lab-copy', 'alice', 'get', 'configmaps'))).toContain('(Forbidden)');
    // Changing the clone leaves the source alone.
    expectSuccess(await inCluster('lab-copy', 'bob', 'delete', 'configmap', 'only-in-lab'));
    expect(expectSuccess(await inCluster('lab', 'alice', 'get', 'configmap', 'only-in-lab', '-o', 'name'))).toBe('configmap/only-in-lab\n');
  });

  it("the owner team's admins snapshot, restore and clone their own cluster with kubectl; a viewer and another cluster's owner may not", async () => {
    const as = (user: string, ...args: string[]) => kubectl('--kubeconfig', kubeconfigs[user], ...args);
    const snapshotOf = (name: string, cluster: string) => write(`${name}.yaml`, `apiVersion: drydock.dev/v1\nkind: ClusterSnapshot\nmetadata: {name: ${name}}\nspec: {cluster: ${cluster}}\n`);
    const cloneOf = (name: string, owner: string, snapshot: string) => write(`${name}.yaml`, `apiVersion: drydock.dev/v1\nkind: Cluster\nmetadata: {name: ${name}}\nspec:\n  owner: {user: ${owner}}\n  nodes: 0\n  source: {snapshot: ${snapshot}}\n`);
    // Her rights on lab are kubectl-visible RBAC of the default cluster, made with the cluster.
    await eventually('alice may snapshot lab', async () => ((await as('alice', 'auth', 'can-i', 'snapshot', 'clusters.drydock.dev/lab')).stdout.trim() === 'yes' ? true : undefined));
    expect((await as('alice', 'auth', 'can-i', 'snapshot', 'clusters.drydock.dev/bobs')).stdout.trim()).toBe('no');
    expect((await as('carol', 'auth', 'can-i', 'create', 'clustersnapshots.drydock.dev')).stdout.trim()).toBe('no');
    expect(expectSuccess(await kubectl('get', 'clusterrolebinding', 'drydock:cluster-owner:lab', '-o', 'jsonpath={.subjects[*].name}'))).toBe('alice');

    expectSuccess(await inCluster('lab', 'alice', 'create', 'configmap', 'before-alice-snap', '--from-literal=a=b'));
    expectSuccess(await as('alice', 'create', '-f', snapshotOf('alice-snap', 'lab')));
    expectSuccess(await as('alice', 'wait', 'clustersnapshot/alice-snap', '--for=jsonpath={.status.readyToUse}=true', '--timeout=60s'));
    const refused = expectFailure(await as('alice', 'create', '-f', snapshotOf('of-bobs', 'bobs')));
    expect(refused).toContain('Error from server (Forbidden): error when creating');
    expect(refused).toContain('clustersnapshots.drydock.dev "of-bobs" is forbidden: User "alice" cannot snapshot resource "clusters" in API group "drydock.dev" at the cluster scope: "bobs"');
    expect(expectFailure(await as('carol', 'create', '-f', snapshotOf('by-carol', 'lab')))).toContain('(Forbidden)');

    // A restore as alice: what she made after the snapshot is gone.
    expectSuccess(await inCluster('lab', 'alice', 'create', 'configmap', 'after-alice-snap', '--from-literal=a=b'));
    expect(expectSuccess(await as('alice', 'create', '--raw', '/apis/drydock.dev/v1/clusters/lab/restore', '-f', write('alice-restore.json', '{"snapshot":"alice-snap"}')))).toContain('"status":"Success"');
    expect(expectFailure(await inCluster('lab', 'alice', 'get', 'configmap', 'after-alice-snap'))).toContain('NotFound');
    expect(expectFailure(await as('carol', 'create', '--raw', '/apis/drydock.dev/v1/clusters/lab/restore', '-f', write('carol-restore.json', '{"snapshot":"alice-snap"}')))).toContain('(Forbidden)');

    // A clone as alice; bob owns a cluster of his own (so may create clusters) but may not copy hers.
    expect(expectFailure(await as('bob', 'create', '-f', cloneOf('bob-copy', 'bob', 'alice-snap')))).toContain('User "bob" cannot snapshot resource "clusters" in API group "drydock.dev" at the cluster scope: "lab"');
    expectSuccess(await as('alice', 'create', '-f', cloneOf('alice-copy', 'alice', 'alice-snap')));
    expectSuccess(await kubectl('wait', 'cluster/alice-copy', '--for=condition=Cloned', '--timeout=60s'));
    servers['alice-copy'] = `${servers.lab.replace(/\/clusters\/lab$/, '')}/clusters/alice-copy`;
    await eventually('alice may read and delete alice-copy', async () => ((await as('alice', 'auth', 'can-i', 'delete', 'clusters.drydock.dev/alice-copy')).stdout.trim() === 'yes' ? true : undefined));
    expect(expectSuccess(await inCluster('alice-copy', 'alice', 'get', 'configmap', 'before-alice-snap', '-o', 'jsonpath={.data.a}'))).toBe('b');
    expectSuccess(await as('alice', 'delete', 'cluster', 'alice-copy', '--timeout=120s'));
    // The owner role and binding went with the cluster.
    for (const kind of ['clusterrole', 'clusterrolebinding']) expect(expectFailure(await kubectl('get', kind, 'drydock:cluster-owner:alice-copy'))).toContain('NotFound');
  });

  it("an owner reads only the snapshots of her own clusters: by name, by spec.cluster, never the whole list", async () => {
    const as = (user: string, ...args: string[]) => kubectl('--kubeconfig', kubeconfigs[user], ...args);
    expectSuccess(await as('bob', 'create', '-f', write('bobs-snap.yaml', 'apiVersion: drydock.dev/v1\nkind: ClusterSnapshot\nmetadata: {name: bobs-snap}\nspec: {cluster: bobs}\n')));
    expectSuccess(await as('bob', 'wait', 'clustersnapshot/bobs-snap', '--for=jsonpath={.status.readyToUse}=true', '--timeout=60s'));
    // The whole list is RBAC's, and an owner holds no list there: Forbidden, with no name in it.
    const whole = expectFailure(await as('alice', 'get', 'clustersnapshots'));
    expect(whole).toContain('clustersnapshots.drydock.dev is forbidden: User "alice" cannot list resource "clustersnapshots" in API group "drydock.dev" at the cluster scope');
    expect(whole).not.toContain('bobs-snap');
    // Her cluster's, selected by spec.cluster: hers only (the admin's before-upgrade is a snapshot of lab too).
    expect(lines(expectSuccess(await as('alice', 'get', 'clustersnapshots', '--field-selector', 'spec.cluster=lab', '-o', 'name')))).toEqual(['clustersnapshot.drydock.dev/alice-snap', 'clustersnapshot.drydock.dev/before-upgrade']);
    expect(lines(expectSuccess(await as('bob', 'get', 'clustersnapshots', '--field-selector', 'spec.cluster=bobs', '-o', 'name')))).toEqual(['clustersnapshot.drydock.dev/bobs-snap']);
    expect(expectFailure(await as('alice', 'get', 'clustersnapshots', '--field-selector', 'spec.cluster=bobs'))).toContain('(Forbidden)');
    // By name: her own, not bob's; a viewer of blue may not snapshot lab, so reads none of its snapshots.
    expect(expectSuccess(await as('alice', 'get', 'clustersnapshot', 'alice-snap', '-o', 'jsonpath={.spec.cluster}'))).toBe('lab');
    expect(expectFailure(await as('alice', 'get', 'clustersnapshot', 'bobs-snap'))).toContain('clustersnapshots.drydock.dev "bobs-snap" is forbidden: User "alice" cannot get resource "clustersnapshots"');
    expect(expectFailure(await as('bob', 'get', 'clustersnapshot', 'alice-snap'))).toContain('(Forbidden)');
    expect(expectFailure(await as('carol', 'get', 'clustersnapshot', 'alice-snap'))).toContain('(Forbidden)');
    // A watch as a list: selected by her cluster it streams her snapshots, selected by bob's it is refused.
    const watched = expectSuccess(await as('alice', 'get', '--raw', '/apis/drydock.dev/v1/clustersnapshots?watch=1&timeoutSeconds=1&fieldSelector=spec.cluster%3Dlab'));
    expect(watched).toContain('"name":"alice-snap"');
    expect(watched).not.toContain('bobs-snap');
    expect(expectFailure(await as('alice', 'get', '--raw', '/apis/drydock.dev/v1/clustersnapshots?watch=1&timeoutSeconds=1&fieldSelector=spec.cluster%3Dbobs'))).toContain('(Forbidden)');
    expect(expectFailure(await as('alice', 'get', '--raw', '/apis/drydock.dev/v1/clustersnapshots?watch=1&timeoutSeconds=1'))).toContain('(Forbidden)');
  });

  it('a cluster\'s limits refuse what would pass them as a quota does (403 exceeded), and its status shows the counts', async () => {
    expectSuccess(await kubectl('patch', 'cluster', 'lab-copy', '--type=merge', '-p', '{"spec":{"limits":{"pods":1}}}'));
    const pod = (name: string) => inCluster('lab-copy', 'bob', 'run', name, '--image=busybox', '--restart=Never', '--', 'sleep', '1000');
    expectSuccess(await pod('first'));
    expect(expectFailure(await pod('second'))).toContain('Error from server (Forbidden): pods "second" is forbidden: exceeded cluster limits: lab-copy, requested: pods=1, used: pods=1, limited: pods=1');
    const status = await eventually('the status counts the pod and says the limit is reached', async () => {
      const object = JSON.parse(expectSuccess(await kubectl('get', 'cluster', 'lab-copy', '-o', 'json')));
      const reached = object.status.conditions?.find((c: { type: string }) => c.type === 'LimitsReached');
      return object.status.pods === 1 && reached?.status === 'True' ? object.status : undefined;
    });
    expect(status.objects).toBeGreaterThan(20);
    expect(status.conditions.find((c: { type: string }) => c.type === 'LimitsReached').message).toBe('pods: 1 of 1');
  });

  it('only identities allowed in every cluster list and watch /clusters/*/: a sandbox owner may not, even of her own', async () => {
    const as = (user: string, ...args: string[]) => kubectl('--kubeconfig', kubeconfigs[user], ...args);
    // The controller-manager's own identity (the workers' informers): one list and one watch of every cluster, each object tagged with its cluster.
    const controllerManager = (...args: string[]) => kubectl('--kubeconfig', path.join(drydock().dataDir, 'controller-manager.conf'), ...args);
    const spanned = '/clusters/*/api/v1/configmaps?fieldSelector=metadata.name%3Dspanned';
    const from = JSON.parse(expectSuccess(await controllerManager('get', '--raw', spanned))).metadata.resourceVersion as string;
    expectSuccess(await inCluster('lab', 'alice', 'create', 'configmap', 'spanned', '--from-literal=a=b'));
    expectSuccess(await inCluster('bobs', 'bob', 'create', 'configmap', 'spanned', '--from-literal=a=b'));
    const clusterOf = (object: { metadata: { annotations?: Record<string, string> } }) => object.metadata.annotations?.['drydock.dev/cluster'];
    const list = JSON.parse(expectSuccess(await controllerManager('get', '--raw', spanned)));
    expect(list.items.map(clusterOf).sort()).toEqual(['bobs', 'lab']);
    const watched = lines(expectSuccess(await controllerManager('get', '--raw', `${spanned}&watch=1&timeoutSeconds=1&resourceVersion=${from}`))).map((line) => JSON.parse(line));
    expect(watched.map((event) => `${event.type} ${clusterOf(event.object)}`)).toEqual(['ADDED lab', 'ADDED bobs']);
    // The tag is the answer's, not the object's.
    expect(expectSuccess(await inCluster('lab', 'alice', 'get', 'configmap', 'spanned', '-o', 'jsonpath={.metadata.annotations}'))).toBe('');
    // alice is cluster-admin of lab, bob of bobs: neither may read across clusters, by list or by watch.
    for (const user of ['alice', 'bob']) {
      expect(expectFailure(await as(user, 'get', '--raw', '/clusters/*/api/v1/configmaps'))).toContain(`Error from server (Forbidden): configmaps is forbidden: User "${user}" cannot list resource "configmaps" in API group "" at the cluster scope`);
      expect(expectFailure(await as(user, 'get', '--raw', `/clusters/*/api/v1/configmaps?watch=1&resourceVersion=${from}`))).toContain(`User "${user}" cannot watch resource "configmaps"`);
    }
    // Only lists and watches of a collection span clusters.
    expect(expectFailure(await kubectl('get', '--raw', '/clusters/*/api/v1/namespaces/default/configmaps/spanned'))).toContain('(MethodNotAllowed)');
    expect(expectFailure(await kubectl('get', '--raw', '/clusters/*/api/v1'))).toContain('(NotFound)');
  });

  it('a cluster that does not exist is a 404 Status', async () => {
    const stderr = expectFailure(await kubectl('get', '--raw', '/clusters/nope/api/v1/namespaces'));
    expect(stderr).toContain('Error from server (NotFound): clusters.drydock.dev "nope" not found');
  });

  it('a reset brings the cluster back to a fresh one, and its watches end with 410', async () => {
    expectSuccess(await inCluster('lab', 'alice', 'create', 'namespace', 'broken'));
    expectSuccess(await inCluster('lab', 'alice', 'delete', 'clusterrolebinding', 'system:discovery'));
    const before = JSON.parse(expectSuccess(await inCluster('lab', 'admin', 'get', '--raw', '/api/v1/configmaps'))).metadata.resourceVersion as string;
    const watch = await drydock().api.watch(`/clusters/lab/api/v1/configmaps?watch=1&resourceVersion=${before}`);
    try {
      expect(expectSuccess(await kubectl('create', '--raw', '/apis/drydock.dev/v1/clusters/lab/reset', '-f', '/dev/null'))).toContain('"status":"Success"');
      const events = await watch.waitForEvents(1, 60_000, (event) => event.type === 'ERROR');
      expect(events.find((event) => event.type === 'ERROR')?.object).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
      const namespaces = lines(expectSuccess(await inCluster('lab', 'alice', 'get', 'namespaces', '-o', 'name')));
      expect(namespaces).toEqual(['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
      expect(expectSuccess(await inCluster('lab', 'alice', 'get', 'clusterrolebinding', 'system:discovery', '-o', 'name'))).toBe('clusterrolebinding.rbac.authorization.k8s.io/system:discovery\n');
      expect(expectFailure(await inCluster('lab', 'alice', 'get', 'configmap', 'only-in-lab'))).toContain('NotFound');
      // The CRD went with everything else (kubectl's discovery cache may still name it, so ask the server).
      expect(expectFailure(await inCluster('lab', 'alice', 'get', '--raw', '/apis/stable.example.com/v1'))).toContain('Error from server (NotFound)');
    } finally {
      watch.close();
    }
    // A watch cannot resume from before the reset: the client relists.
    const resumed = await drydock().api.watch(`/clusters/lab/api/v1/configmaps?watch=1&resourceVersion=${before}`);
    try {
      const [gone] = await resumed.waitForEvents(1, 30_000);
      expect(gone).toMatchObject({ type: 'ERROR', object: { reason: 'Expired', code: 410 } });
    } finally {
      resumed.close();
    }
    // bob's cluster kept its objects.
    expect(expectSuccess(await inCluster('bobs', 'bob', 'get', 'namespaces', '-o', 'name'))).toContain('namespace/default');
  });

  it('a cluster whose bootstrap failed is bootstrapped by a later try (its limits refuse its system objects, then are raised)', async () => {
    const bootstrapped = async () => JSON.parse(expectSuccess(await kubectl('get', 'cluster', 'tight', '-o', 'json'))).status?.conditions?.find((c: { type: string }) => c.type === 'Bootstrapped')?.status as string | undefined;
    const log = path.join(drydock().dataDir, 'logs', 'apiserver.log');
    const refusals = () => fs.readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('"cluster":"tight"') && line.includes('could not create its system objects')).length;
    expectSuccess(await kubectl('apply', '-f', write('tight.yaml', 'apiVersion: drydock.dev/v1\nkind: Cluster\nmetadata: {name: tight}\nspec:\n  owner: {user: bob}\n  nodes: 0\n  limits: {objects: 0}\n')));
    // Its own limits refuse every bootstrap object: tried again (1 s, then 2 s), each refusal logged.
    await eventually('two refused bootstraps of tight', async () => (refusals() >= 2 ? true : undefined), 60_000);
    expect(await bootstrapped()).not.toBe('True');
    expectSuccess(await kubectl('patch', 'cluster', 'tight', '--type=merge', '-p', '{"spec":{"limits":{"objects":10000}}}'));
    // Nothing else starts the bootstrap again: only a later try (at most 10 s apart) makes it.
    await eventually('tight bootstrapped by a later try', async () => ((await bootstrapped()) === 'True' ? true : undefined), 60_000);
    servers.tight = servers.bobs.replace(/bobs$/, 'tight');
    expect(lines(expectSuccess(await inCluster('tight', 'bob', 'get', 'namespaces', '-o', 'name')))).toEqual(['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
    // bob now owns three clusters, this Drydock's DRYDOCK_MAX_CLUSTERS_PER_OWNER: a fourth is refused as a quota refuses
    // (a dry run is checked as a write), and so is moving a cluster to him.
    const fourth = write('fourth.yaml', 'apiVersion: drydock.dev/v1\nkind: Cluster\nmetadata: {name: fourth}\nspec:\n  owner: {user: bob}\n  nodes: 0\n');
    const quota = 'exceeded quota: user/bob, requested: count/clusters.drydock.dev=1, used: count/clusters.drydock.dev=3, limited: count/clusters.drydock.dev=3';
    expect(expectFailure(await kubectl('create', '--dry-run=server', '-f', fourth))).toContain(`Error from server (Forbidden): error when creating "${fourth}": clusters.drydock.dev "fourth" is forbidden: ${quota}`);
    expect(expectFailure(await kubectl('patch', 'cluster', 'lab', '--dry-run=server', '--type=merge', '-p', '{"spec":{"owner":{"team":null,"user":"bob"}}}'))).toContain(`clusters.drydock.dev "lab" is forbidden: ${quota}`);
    expectSuccess(await kubectl('delete', 'cluster', 'tight', '--timeout=120s'));
    // Once one is gone, there is room again.
    expectSuccess(await kubectl('create', '--dry-run=server', '-f', fourth));
  });

  it('deleting a cluster removes every object and change row of it, and it is no longer served', async () => {
    expectSuccess(await inCluster('bobs', 'bob', 'create', 'configmap', 'doomed', '--from-literal=a=b'));
    expectSuccess(await kubectl('delete', 'cluster', 'bobs', '--timeout=120s'));
    expect(expectFailure(await kubectl('get', 'cluster', 'bobs'))).toContain('clusters.drydock.dev "bobs" not found');
    expect(expectFailure(await kubectl('get', '--raw', '/clusters/bobs/api/v1/namespaces'))).toContain('clusters.drydock.dev "bobs" not found');
    const port = fs.readFileSync(path.join(drydock().dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3].trim();
    const client = new Client({ connectionString: `postgresql://postgres:drydock@127.0.0.1:${port}/drydock` });
    await client.connect();
    try {
      const counts = await client.query(`SELECT (SELECT count(*) FROM objects WHERE cluster = 'bobs') AS objects, (SELECT count(*) FROM changes WHERE cluster = 'bobs') AS changes, (SELECT count(*) FROM objects WHERE cluster = 'lab') AS lab`);
      expect(counts.rows[0]).toMatchObject({ objects: '0', changes: '0' });
      expect(Number(counts.rows[0].lab)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});
