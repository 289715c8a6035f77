import { KubeClient, ResourceRef, resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { parse } from 'yaml';
import { eventually } from '../../support/use-drydock';

const rbac = 'rbac.authorization.k8s.io';
const rbacRef = (resource: string, kind: string, namespaced: boolean): ResourceRef => ({ group: rbac, version: 'v1', resource, kind, namespaced });
export const rbacResources = {
  roles: rbacRef('roles', 'Role', true),
  rolebindings: rbacRef('rolebindings', 'RoleBinding', true),
  clusterroles: rbacRef('clusterroles', 'ClusterRole', false),
  clusterrolebindings: rbacRef('clusterrolebindings', 'ClusterRoleBinding', false),
};

export const matrixNamespaces = ['alpha', 'beta'];

const subject = (kind: 'User' | 'Group', name: string) => ({ kind, apiGroup: rbac, name });
const binding = (name: string, namespace: string, roleKind: 'Role' | 'ClusterRole', role: string, subjects: unknown[]): KubeObject =>
  ({ apiVersion: `${rbac}/v1`, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: rbac, kind: roleKind, name: role }, subjects }) as KubeObject;

/** The objects every namespace holds: a running pod, two configmaps, a secret and a deployment. */
function namespaceObjects(namespace: string): [ResourceRef, KubeObject][] {
  const meta = (name: string) => ({ name, namespace });
  return [
    [resources.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { ...meta('p'), labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }],
    [resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('public'), data: { a: '1' } } as KubeObject],
    [resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('private'), data: { b: '2' } } as KubeObject],
    [resources.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: meta('s'), stringData: { password: 'hunter2' } } as KubeObject],
    [resources.deployments, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('d'), spec: { replicas: 0, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } }],
  ];
}

/**
 * The matrix's cluster, created as the admin: the namespaces and their objects, the custom roles
 * (pod-logger cluster-wide, pod-reader in beta, public-config in alpha with resourceNames) and the
 * bindings of rbac-matrix.expectations.ts's grants, each created exactly as that table says.
 */
export async function createMatrixCluster(client: KubeClient): Promise<void> {
  for (const namespace of matrixNamespaces) {
    await client.create(resources.namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    // Pods need the namespace's `default` ServiceAccount (ServiceAccount admission), which its controller adds.
    await eventually(`the default ServiceAccount of ${namespace}`, async () => (await client.get(resources.serviceaccounts, namespace, 'default')) !== null, 60_000);
    for (const [ref, object] of namespaceObjects(namespace)) await client.create(ref, namespace, object);
  }
  await client.create(resources.serviceaccounts, 'alpha', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'alpha' } });
  await client.create(rbacResources.clusterroles, '', { apiVersion: `${rbac}/v1`, kind: 'ClusterRole', metadata: { name: 'pod-logger' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }, { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }] } as KubeObject);
  await client.create(rbacResources.roles, 'beta', { apiVersion: `${rbac}/v1`, kind: 'Role', metadata: { name: 'pod-reader', namespace: 'beta' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] } as KubeObject);
  await client.create(rbacResources.roles, 'alpha', { apiVersion: `${rbac}/v1`, kind: 'Role', metadata: { name: 'public-config', namespace: 'alpha' }, rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['public'], verbs: ['get', 'delete'] }] } as KubeObject);
  const bindings = [
    binding('ann-views', 'alpha', 'ClusterRole', 'view', [subject('User', 'ann')]),
    binding('ben-edits', 'alpha', 'ClusterRole', 'edit', [subject('User', 'ben')]),
    binding('ben-reads', 'beta', 'Role', 'pod-reader', [subject('User', 'ben')]),
    binding('devs-admin', 'beta', 'ClusterRole', 'admin', [subject('Group', 'devs')]),
    binding('fay-public', 'alpha', 'Role', 'public-config', [subject('User', 'fay')]),
    binding('robot-views', 'alpha', 'ClusterRole', 'view', [{ kind: 'ServiceAccount', name: 'robot', namespace: 'alpha' }]),
  ];
  for (const object of bindings) await client.create(rbacResources.rolebindings, object.metadata.namespace!, object);
  await client.create(rbacResources.clusterrolebindings, '', { apiVersion: `${rbac}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'cat-logs' }, roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'pod-logger' }, subjects: [subject('User', 'cat')] } as KubeObject);
}

/**
 * Users of the matrix as User objects with their own API tokens (POST users/NAME/kubeconfig), and dan's
 * group `devs` as a Team with no namespaces (a user's teams are the groups of their token). Returns the
 * tokens by user name.
 */
export async function issueUserTokens(client: KubeClient, users: string[], request: (method: string, path: string) => Promise<{ status: number; text: string }>): Promise<Map<string, string>> {
  const userRef: ResourceRef = { group: 'drydock.dev', version: 'v1', resource: 'users', kind: 'User', namespaced: false };
  const teamRef: ResourceRef = { group: 'drydock.dev', version: 'v1', resource: 'teams', kind: 'Team', namespaced: false };
  for (const name of users) await client.create(userRef, '', { apiVersion: 'drydock.dev/v1', kind: 'User', metadata: { name }, spec: { displayName: name } } as KubeObject);
  await client.create(teamRef, '', { apiVersion: 'drydock.dev/v1', kind: 'Team', metadata: { name: 'devs' }, spec: { members: [{ user: 'dan', role: 'view' }] } } as KubeObject);
  const tokens = new Map<string, string>();
  for (const name of users) {
    const { status, text } = await request('POST', `/apis/drydock.dev/v1/users/${name}/kubeconfig?tokenName=rbac-matrix`);
    const token = status === 201 ? (parse(text) as { users?: { user?: { token?: string } }[] }).users?.[0]?.user?.token : undefined;
    if (status !== 201 || !token) throw new Error(`users/${name}/kubeconfig answered ${status}: ${text.slice(0, 200)}`);
    tokens.set(name, token);
  }
  return tokens;
}

/** A token of the ServiceAccount alpha/robot from TokenRequest (`kubectl create token robot -n alpha`). */
export async function issueRobotToken(request: (method: string, path: string, body: unknown) => Promise<{ status: number; text: string }>): Promise<string> {
  const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} };
  const { status, text } = await request('POST', '/api/v1/namespaces/alpha/serviceaccounts/robot/token', body);
  const token = status === 201 ? (JSON.parse(text) as { status?: { token?: string } }).status?.token : undefined;
  if (!token) throw new Error(`serviceaccounts/robot/token answered ${status}: ${text.slice(0, 200)}`);
  return token;
}

/** A fresh object of the kind for a dry-run create. */
export function newObject(resource: string, namespace: string): KubeObject {
  const meta = { name: `new-${resource.replace(/\W/g, '-')}`, namespace };
  switch (resource) {
    case 'pods':
      return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
    case 'configmaps':
      return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: { x: 'y' } } as KubeObject;
    case 'secrets':
      return { apiVersion: 'v1', kind: 'Secret', metadata: meta, stringData: { x: 'y' } } as KubeObject;
    default:
      return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { replicas: 0, selector: { matchLabels: { app: 'n' } }, template: { metadata: { labels: { app: 'n' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } };
  }
}
