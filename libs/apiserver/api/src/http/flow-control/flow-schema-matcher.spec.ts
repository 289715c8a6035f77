import { byMatchingPrecedence, mandatoryFlowSchemas, suggestedFlowSchemas } from '@drydock/registry';
import type { RequestInfo } from '../request-info';
import { flowDistinguisher, matchesFlowSchema, type RequestDigest } from './flow-schema-matcher';

const schemas = [...mandatoryFlowSchemas(), ...suggestedFlowSchemas()].sort(byMatchingPrecedence);
const resource = (verb: string, group: string, resourceName: string, namespace = '', subresource = ''): RequestInfo => ({ cluster: 'default', group, version: 'v1', namespace, resource: resourceName, name: 'x', subresource, verb });
const classify = (digest: RequestDigest) => schemas.find((schema) => matchesFlowSchema(schema, digest))?.metadata.name;
const user = (name: string, ...groups: string[]) => ({ name, groups: [...groups, 'system:authenticated'] });

describe('FlowSchema matching (upstream bootstrap configuration)', () => {
  it('puts leader election and the control plane in their own schemas, as upstream', () => {
    const scheduler = user('system:kube-scheduler');
    expect(classify({ user: scheduler, info: resource('update', 'coordination.k8s.io', 'leases', 'kube-system'), verb: 'put', path: '' })).toBe('system-leader-election');
    expect(classify({ user: scheduler, info: resource('create', '', 'pods', 'default', 'binding'), verb: 'post', path: '' })).toBe('kube-scheduler');
    const manager = user('system:kube-controller-manager');
    expect(classify({ user: manager, info: resource('update', '', 'endpoints', 'web'), verb: 'put', path: '' })).toBe('endpoint-controller');
    expect(classify({ user: manager, info: resource('create', '', 'pods', 'web'), verb: 'post', path: '' })).toBe('kube-controller-manager');
    const kubelet = user('system:node:n1', 'system:nodes');
    expect(classify({ user: kubelet, info: resource('patch', '', 'nodes', '', 'status'), verb: 'patch', path: '' })).toBe('system-node-high');
    expect(classify({ user: kubelet, info: resource('patch', '', 'pods', 'default', 'status'), verb: 'patch', path: '' })).toBe('system-nodes');
  });

  it('matches service accounts by namespace and name, masters as exempt, and everyone else as global-default', () => {
    const controller = { name: 'system:serviceaccount:kube-system:deployment-controller', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] };
    expect(classify({ user: controller, info: resource('update', '', 'configmaps', 'apps'), verb: 'put', path: '' })).toBe('workload-leader-election');
    expect(classify({ user: controller, info: resource('list', 'apps', 'deployments'), verb: 'get', path: '' })).toBe('kube-system-service-accounts');
    const app = { name: 'system:serviceaccount:web:default', groups: ['system:serviceaccounts', 'system:authenticated'] };
    expect(classify({ user: app, info: resource('get', '', 'pods', 'web'), verb: 'get', path: '' })).toBe('service-accounts');
    expect(classify({ user: user('admin', 'system:masters'), info: resource('get', '', 'pods', 'web'), verb: 'get', path: '' })).toBe('exempt');
    expect(classify({ user: user('alice'), verb: 'get', path: '/healthz' })).toBe('probes');
    expect(classify({ user: user('alice'), verb: 'get', path: '/apis' })).toBe('global-default');
    expect(classify({ user: { name: 'system:anonymous', groups: ['system:unauthenticated'] }, verb: 'post', path: '/readyz' })).toBe('global-default');
  });

  it('tells flows apart by user or namespace', () => {
    const byNamespace = schemas.find((schema) => schema.metadata.name === 'kube-scheduler')!;
    const digest = { user: user('system:kube-scheduler'), info: resource('create', '', 'pods', 'team-a', 'binding'), verb: 'post', path: '' };
    expect(flowDistinguisher(byNamespace, digest)).toBe('team-a');
    expect(flowDistinguisher(schemas.find((schema) => schema.metadata.name === 'global-default')!, digest)).toBe('system:kube-scheduler');
    expect(flowDistinguisher(schemas.find((schema) => schema.metadata.name === 'exempt')!, digest)).toBe('');
  });
});
