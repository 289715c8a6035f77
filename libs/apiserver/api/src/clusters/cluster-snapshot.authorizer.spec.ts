import type { KubeObject } from '@drydock/util';
import type { Authorizer, AuthorizationAttributes } from '../pipeline/authorization';
import type { UserInfo } from '../rest/request-context';
import { ClusterSnapshotAuthorizer } from './cluster-snapshot.authorizer';

const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] };
const snapshots: Record<string, KubeObject> = {
  'alice-snap': { apiVersion: 'drydock.dev/v1', kind: 'ClusterSnapshot', metadata: { name: 'alice-snap' }, spec: { cluster: 'lab' } },
  'bobs-snap': { apiVersion: 'drydock.dev/v1', kind: 'ClusterSnapshot', metadata: { name: 'bobs-snap' }, spec: { cluster: 'bobs' } },
};
/** RBAC as alice's owner role has it: `snapshot` on clusters/lab only. */
const rbac: Authorizer = {
  authorize: (_user, attributes) => ({ allowed: attributes.verb === 'snapshot' && attributes.resource === 'clusters' && attributes.name === 'lab', reason: '' }),
  rulesFor: () => ({ rules: [], incomplete: false }),
};
const authorizer = new ClusterSnapshotAuthorizer(rbac, { cached: (key) => (key.resource === 'clustersnapshots.drydock.dev' ? snapshots[key.name] : undefined) });
const ask = (verb: string, name = '', extra: Partial<AuthorizationAttributes> = {}) =>
  authorizer.authorize(alice, { cluster: 'default', verb, group: 'drydock.dev', version: 'v1', namespace: '', resource: 'clustersnapshots', subresource: '', name, ...extra }).allowed;

describe('ClusterSnapshotAuthorizer', () => {
  it('lets whoever may snapshot a cluster get and watch its snapshots, not another cluster\'s', () => {
    expect(ask('get', 'alice-snap')).toBe(true);
    expect(ask('watch', 'alice-snap')).toBe(true);
    expect(ask('get', 'bobs-snap')).toBe(false);
    expect(ask('get', 'not-there')).toBe(false);
  });

  it('lets her list and watch the collection only with spec.cluster of her cluster', () => {
    expect(ask('list', '', { fieldSelector: [{ field: 'spec.cluster', value: 'lab' }] })).toBe(true);
    expect(ask('watch', '', { fieldSelector: [{ field: 'spec.cluster', value: 'lab' }] })).toBe(true);
    expect(ask('list', '', { fieldSelector: [{ field: 'spec.cluster', value: 'bobs' }] })).toBe(false);
    expect(ask('list')).toBe(false);
  });

  it('has no opinion on writes, subresources, other kinds and other clusters', () => {
    expect(ask('delete', 'alice-snap')).toBe(false);
    expect(ask('update', 'alice-snap', { subresource: 'status' })).toBe(false);
    expect(ask('get', 'alice-snap', { resource: 'clusters' })).toBe(false);
    expect(ask('get', 'alice-snap', { cluster: 'lab' })).toBe(false);
  });
});
