import { cells, expectFailure, expectSuccess, lines } from './harness/expectations';
import { useDrydock } from './harness/use-drydock';

const dev = 'system:serviceaccount:default:dev';

describe('RBAC as kubectl sees it (a ServiceAccount bound to get and list on pods)', () => {
  const drydock = useDrydock();
  const kubectl = (...args: string[]) => drydock().run(args);
  const asDev = (...args: string[]) => drydock().run([...args, `--as=${dev}`]);

  beforeAll(async () => {
    expectSuccess(await kubectl('create', 'serviceaccount', 'dev'));
    expectSuccess(await kubectl('create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods'));
    expectSuccess(await kubectl('create', 'rolebinding', 'dev-reads', '--role=pod-reader', `--serviceaccount=default:dev`));
    expectSuccess(await kubectl('run', 'x', '--image=nginx:1.25'));
    // The authorizer reads bindings from the watch cache, which follows the store a moment later.
    for (let attempt = 0; attempt < 20; attempt++) {
      if ((await asDev('auth', 'can-i', 'get', 'pods')).code === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('auth can-i get pods --as the account prints yes', async () => {
    expect(expectSuccess(await asDev('auth', 'can-i', 'get', 'pods'))).toBe('yes\n');
  });

  it('auth can-i delete pods --as the account prints no and exits 1', async () => {
    const result = await asDev('auth', 'can-i', 'delete', 'pods');
    expect([result.code, result.stdout]).toEqual([1, 'no\n']);
  });

  it('auth can-i get pods in another namespace prints no (a RoleBinding is namespaced)', async () => {
    const result = await asDev('auth', 'can-i', 'get', 'pods', '-n', 'kube-system');
    expect([result.code, result.stdout]).toEqual([1, 'no\n']);
  });

  it('get pods --as the account lists them', async () => {
    expect(lines(expectSuccess(await asDev('get', 'pods', '-o', 'name')))).toEqual(['pod/x']);
  });

  it('delete pod --as the account is Forbidden with upstream message', async () => {
    const stderr = expectFailure(await asDev('delete', 'pod', 'x'));
    expect(stderr.split('\n')).toContain(`Error from server (Forbidden): pods "x" is forbidden: User "${dev}" cannot delete resource "pods" in API group "" in the namespace "default"`);
    expectSuccess(await kubectl('get', 'pod', 'x'));
  });

  it('auth can-i --list --as the account lists its rules', async () => {
    const rows = lines(expectSuccess(await asDev('auth', 'can-i', '--list'))).map(cells);
    expect(rows[0]).toEqual(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
    expect(rows).toContainEqual(['pods', '[]', '[]', '[get list]']);
    // The bootstrap policy every authenticated user and every ServiceAccount holds, as upstream lists it.
    expect(rows).toContainEqual(['selfsubjectaccessreviews.authorization.k8s.io', '[]', '[]', '[create]']);
    expect(rows).toContainEqual(['[/.well-known/openid-configuration/]', '[]', '[get]']); // cells() drops the empty Resources column
    expect(rows).toContainEqual(['[/api/*]', '[]', '[get]']);
    expect(rows).not.toContainEqual(expect.arrayContaining(['*.*']));
  });

  it('a RoleBinding to the bootstrap ClusterRole view grants its aggregated rules in that namespace only', async () => {
    expectSuccess(await kubectl('create', 'namespace', 'team'));
    expectSuccess(await kubectl('create', 'rolebinding', 'dev-views', '--clusterrole=view', `--serviceaccount=default:dev`, '-n', 'team'));
    let answer = await asDev('auth', 'can-i', 'list', 'deployments.apps', '-n', 'team');
    for (let attempt = 0; attempt < 50 && answer.code !== 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await asDev('auth', 'can-i', 'list', 'deployments.apps', '-n', 'team');
    }
    expect(answer.stdout).toBe('yes\n');
    expect((await asDev('auth', 'can-i', 'delete', 'deployments.apps', '-n', 'team')).stdout).toBe('no\n');
    expect((await asDev('auth', 'can-i', 'list', 'deployments.apps', '-n', 'default')).stdout).toBe('no\n');
    const view = JSON.parse(expectSuccess(await kubectl('get', 'clusterrole', 'view', '-o', 'json')));
    expect(view.metadata.annotations).toEqual({ 'rbac.authorization.kubernetes.io/autoupdate': 'true' });
    expect(view.rules).toContainEqual({ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] });
  });

  it('granting more than one holds is Forbidden (escalation prevention); granting what one holds is not', async () => {
    expectSuccess(await kubectl('create', 'role', 'rbac-writer', '--verb=create,get', '--resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io'));
    expectSuccess(await kubectl('create', 'rolebinding', 'dev-writes-rbac', '--role=rbac-writer', `--serviceaccount=default:dev`));
    let allowed = await asDev('auth', 'can-i', 'create', 'roles.rbac.authorization.k8s.io');
    for (let attempt = 0; attempt < 20 && allowed.code !== 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      allowed = await asDev('auth', 'can-i', 'create', 'roles.rbac.authorization.k8s.io');
    }
    const groups = '["system:serviceaccounts" "system:serviceaccounts:default" "system:authenticated"]';
    const escalating = expectFailure(await asDev('create', 'role', 'too-much', '--verb=get,delete', '--resource=pods'));
    expect(escalating).toContain(`roles.rbac.authorization.k8s.io "too-much" is forbidden: user "${dev}" (groups=${groups}) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}`);
    expectSuccess(await asDev('create', 'role', 'just-enough', '--verb=get,list', '--resource=pods'));
    const binding = expectFailure(await asDev('create', 'rolebinding', 'dev-edits', '--clusterrole=edit', `--serviceaccount=default:dev`));
    expect(binding).toContain(`rolebindings.rbac.authorization.k8s.io "dev-edits" is forbidden: user "${dev}" (groups=${groups}) is attempting to grant RBAC permissions not currently held:`);
  });

  it('the admin (system:masters) may still do everything', async () => {
    expect(expectSuccess(await kubectl('auth', 'can-i', 'delete', 'nodes'))).toBe('yes\n');
    expect(lines(expectSuccess(await kubectl('auth', 'can-i', '--list')))).toContainEqual(expect.stringMatching(/^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/));
  });
});
