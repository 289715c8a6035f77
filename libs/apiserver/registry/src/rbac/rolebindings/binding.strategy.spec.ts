import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { bindingStrategy } from './binding.strategy';

function binding(roleRef: Record<string, unknown>, subjects: unknown[] = []): KubeObject {
  return { metadata: { name: 'read', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z' }, roleRef, subjects };
}

describe('rolebinding strategy', () => {
  const strategy = bindingStrategy(true);

  it('defaults api groups and prints the role and subjects', () => {
    const object = binding({ kind: 'Role', name: 'reader' }, [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'ci', namespace: 'build' }]);
    strategy.defaults!(object);
    expect(object.roleRef).toEqual({ kind: 'Role', name: 'reader', apiGroup: 'rbac.authorization.k8s.io' });
    expect(strategy.validate(object)).toEqual([]);
    expect(strategy.table!.row(object, { now: new Date('2026-11-22T00:00:09Z') })).toEqual(['read', 'Role/reader', '9s', 'jane', '', 'build/ci']);
  });

  it('forbids changing roleRef', () => {
    const old = binding({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' });
    const updated = binding({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' });
    expect(strategy.validateUpdate!(updated, old).map(fieldErrorMessage)).toEqual([
      'roleRef: Invalid value: {"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"}: cannot change roleRef',
    ]);
  });

  it('only allows ClusterRole references and namespaced service accounts in cluster role bindings', () => {
    const object = binding({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, [{ kind: 'ServiceAccount', name: 'ci' }]);
    expect(bindingStrategy(false).validate(object).map(fieldErrorMessage)).toEqual([
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
    ]);
  });
});
