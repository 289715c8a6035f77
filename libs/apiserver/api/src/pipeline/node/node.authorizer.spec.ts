import type { KubeObject } from '@drydock/util';
import type { AuthorizationAttributes } from '../authorization';
import { NodeGraph } from './node-graph';
import { NodeAuthorizer } from './node.authorizer';

const pod = (name: string, nodeName: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName, containers: [{ name: 'c', image: 'i' }], ...spec } });

const objects: Record<string, KubeObject[]> = {
  pods: [
    pod('web', 'node-1', { serviceAccountName: 'web', volumes: [{ name: 'cfg', configMap: { name: 'web-config' } }, { name: 'data', persistentVolumeClaim: { claimName: 'data' } }], containers: [{ name: 'c', image: 'i', envFrom: [{ secretRef: { name: 'web-env' } }] }] }),
    pod('db', 'node-2', { volumes: [{ name: 'pw', secret: { secretName: 'db-password' } }] }),
  ],
  persistentvolumeclaims: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv-1' } }],
};
const cache = { snapshot: ({ resource, namespace }: { resource: string; namespace?: string }) => ({ items: (objects[resource] ?? []).filter((o) => namespace === undefined || o.metadata.namespace === namespace) }) };
const authorizer = new NodeAuthorizer(new NodeGraph(cache));
const node = (name: string) => ({ name: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] });
const request = (verb: string, resource: string, name: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes => ({ cluster: 'default', verb, group: '', version: 'v1', namespace: 'default', resource, subresource: '', name, ...extra });

describe('NodeAuthorizer', () => {
  it('lets a node read what the pods bound to it use, and nothing else of those kinds', () => {
    expect(authorizer.authorize(node('node-1'), request('get', 'secrets', 'web-env')).allowed).toBe(true);
    expect(authorizer.authorize(node('node-1'), request('get', 'configmaps', 'web-config')).allowed).toBe(true);
    expect(authorizer.authorize(node('node-1'), request('get', 'persistentvolumeclaims', 'data')).allowed).toBe(true);
    expect(authorizer.authorize(node('node-1'), request('get', 'persistentvolumes', 'pv-1', { namespace: '' })).allowed).toBe(true);
    expect(authorizer.authorize(node('node-1'), request('create', 'serviceaccounts', 'web', { subresource: 'token' })).allowed).toBe(true);
    expect(authorizer.authorize(node('node-1'), request('get', 'secrets', 'db-password'))).toEqual({ allowed: false, reason: "no relationship found between node 'node-1' and this object" });
    expect(authorizer.authorize(node('node-2'), request('get', 'secrets', 'db-password')).allowed).toBe(true);
  });

  it('gives upstream\'s reasons for what a node may never do to those kinds', () => {
    expect(authorizer.authorize(node('node-1'), request('update', 'secrets', 'web-env')).reason).toBe('can only read resources of this type');
    expect(authorizer.authorize(node('node-1'), request('list', 'secrets', '')).reason).toBe('No Object name found');
    expect(authorizer.authorize(node('node-1'), request('delete', 'persistentvolumeclaims', 'data')).reason).toBe('can only get individual resources of this type');
    expect(authorizer.authorize(node('node-1'), request('create', 'serviceaccounts', 'web')).reason).toBe('can only create token subresource of serviceaccount');
  });

  it('keeps a node to its own Lease in kube-node-lease', () => {
    const lease = (verb: string, name: string, namespace = 'kube-node-lease') => request(verb, 'leases', name, { group: 'coordination.k8s.io', namespace });
    expect(authorizer.authorize(node('node-1'), lease('update', 'node-1')).allowed).toBe(true);
    expect(authorizer.authorize(node('node-1'), lease('update', 'node-2')).reason).toBe('can only access node lease with the same name as the requesting node');
    expect(authorizer.authorize(node('node-1'), lease('get', 'node-1', 'default')).reason).toBe('can only access leases in the "kube-node-lease" system namespace');
  });

  it('applies the static node rules elsewhere, and has no opinion on anyone not a node', () => {
    expect(authorizer.authorize(node('node-1'), request('update', 'pods', 'web', { subresource: 'status' })).allowed).toBe(true);
    expect(authorizer.authorize(node('node-1'), request('delete', 'nodes', 'node-1', { namespace: '' })).allowed).toBe(false);
    expect(authorizer.authorize({ name: 'system:node:node-1', groups: ['system:authenticated'] }, request('get', 'secrets', 'web-env'))).toEqual({ allowed: false, reason: '' });
    expect(authorizer.authorize({ name: 'alice', groups: ['system:nodes'] }, request('get', 'secrets', 'web-env')).allowed).toBe(false);
  });
});
