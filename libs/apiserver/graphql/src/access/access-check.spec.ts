import { accessCheckKey, deniedReason } from './access-check';

describe('deniedReason', () => {
  it('names the verb, the resource and the namespace RBAC denies', () => {
    expect(deniedReason({ verb: 'delete', resource: 'pods', namespace: 'blue' })).toBe('you cannot delete pods in blue (RBAC)');
  });

  it('names a subresource as RBAC rules do (deployments/scale)', () => {
    expect(deniedReason({ verb: 'update', resource: 'deployments', subresource: 'scale', group: 'apps', namespace: 'blue' })).toBe('you cannot update deployments/scale in blue (RBAC)');
  });

  it('leaves out where for a cluster-scoped resource', () => {
    expect(deniedReason({ verb: 'patch', resource: 'nodes' })).toBe('you cannot patch nodes (RBAC)');
  });
});

describe('accessCheckKey', () => {
  it('treats a missing group, namespace or name as empty, so equal questions share one review', () => {
    expect(accessCheckKey({ verb: 'get', resource: 'pods' })).toBe(accessCheckKey({ verb: 'get', resource: 'pods', group: '', namespace: '', name: '' }));
    expect(accessCheckKey({ verb: 'get', resource: 'pods', namespace: 'a' })).not.toBe(accessCheckKey({ verb: 'get', resource: 'pods', namespace: 'b' }));
  });
});
