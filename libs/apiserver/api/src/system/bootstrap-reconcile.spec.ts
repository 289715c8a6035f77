import type { KubeObject } from '@drydock/util';
import { reconcileBootstrapObject } from './bootstrap-reconcile';

const role = (rules: unknown[], annotations: Record<string, string> = {}): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:controller:service-controller', annotations }, rules } as KubeObject);
const get = { verbs: ['get'], apiGroups: [''], resources: ['services'] };
const patch = { verbs: ['patch', 'update'], apiGroups: [''], resources: ['services'] };
const extra = { verbs: ['list'], apiGroups: [''], resources: ['nodes'] };

describe('bootstrap policy reconciliation', () => {
  it('adds the rules a newer policy has to an existing role, keeping what an admin added', () => {
    expect(reconcileBootstrapObject(role([get, extra]), role([get, patch]))?.rules).toEqual([get, extra, patch]);
    expect(reconcileBootstrapObject(role([get, patch]), role([get, patch]))).toBeUndefined();
  });

  it('leaves a role annotated autoupdate "false", and aggregated roles, alone', () => {
    expect(reconcileBootstrapObject(role([get], { 'rbac.authorization.kubernetes.io/autoupdate': 'false' }), role([get, patch]))).toBeUndefined();
    const aggregated = { ...role([]), aggregationRule: { clusterRoleSelectors: [] } } as KubeObject;
    expect(reconcileBootstrapObject(role([]), aggregated)).toBeUndefined();
  });

  it('adds missing subjects to a binding', () => {
    const binding = (subjects: unknown[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'drydock:cluster-discovery' }, subjects } as KubeObject);
    const scheduler = { kind: 'User', name: 'system:kube-scheduler' };
    const simulator = { kind: 'User', name: 'system:drydock:node-simulator' };
    expect((reconcileBootstrapObject(binding([scheduler]), binding([scheduler, simulator])) as { subjects?: unknown[] }).subjects).toEqual([scheduler, simulator]);
  });
});
