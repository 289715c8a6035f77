import { builtinResources } from '@drydock/registry';
import type { KubeObject } from '@drydock/util';
import type { AdmissionRequest } from './admission';
import { ClusterOwnerQuotaAdmission } from './cluster-owner-quota.admission';

const clustersDef = builtinResources().find((def) => def.group === 'drydock.dev' && def.resource === 'clusters')!;
const cluster = (name: string, owner: Record<string, string>): KubeObject => ({ apiVersion: 'drydock.dev/v1', kind: 'Cluster', metadata: { name }, spec: { owner } });
const existing = [cluster('a', { team: 'blue' }), cluster('b', { team: 'blue' }), cluster('c', { user: 'bob' })];
const plugin = (limit: number) => new ClusterOwnerQuotaAdmission({ snapshot: (filter) => ({ items: filter.cluster === 'default' && filter.resource === 'clusters.drydock.dev' ? existing : [] }) }, limit);
const request = (object: KubeObject, operation: AdmissionRequest['operation'] = 'CREATE', old: KubeObject | null = null, where = 'default'): AdmissionRequest => ({ operation, def: clustersDef, cluster: where, object, old });

describe('ClusterOwnerQuotaAdmission', () => {
  it("refuses an owner's cluster past the limit in upstream's quota wording, 403, the owner as the quota", async () => {
    const refused = plugin(2).validate(request(cluster('d', { team: 'blue' })));
    await expect(refused).rejects.toMatchObject({ code: 403, reason: 'Forbidden' });
    await expect(refused).rejects.toThrow('clusters.drydock.dev "d" is forbidden: exceeded quota: team/blue, requested: count/clusters.drydock.dev=1, used: count/clusters.drydock.dev=2, limited: count/clusters.drydock.dev=2');
  });

  it('counts per owner: a team and a user apart, and a user owner by name', async () => {
    await expect(plugin(2).validate(request(cluster('d', { user: 'bob' })))).resolves.toBeUndefined();
    await expect(plugin(1).validate(request(cluster('d', { user: 'bob' })))).rejects.toThrow('exceeded quota: user/bob, requested: count/clusters.drydock.dev=1, used: count/clusters.drydock.dev=1, limited: count/clusters.drydock.dev=1');
    await expect(plugin(1).validate(request(cluster('d', { user: 'blue' })))).resolves.toBeUndefined();
  });

  it('checks an update that moves a cluster to another owner, not one that keeps its owner; 0 is no limit', async () => {
    await expect(plugin(2).validate(request(cluster('c', { team: 'blue' }), 'UPDATE', cluster('c', { user: 'bob' })))).rejects.toThrow('exceeded quota: team/blue');
    await expect(plugin(2).validate(request(cluster('a', { team: 'blue' }), 'UPDATE', cluster('a', { team: 'blue' })))).resolves.toBeUndefined();
    await expect(plugin(0).validate(request(cluster('d', { team: 'blue' })))).resolves.toBeUndefined();
  });

  it('leaves other kinds, subresources and deletes alone', async () => {
    await expect(plugin(1).validate({ ...request(cluster('d', { team: 'blue' })), subresource: 'status' })).resolves.toBeUndefined();
    await expect(plugin(1).validate(request(cluster('a', { team: 'blue' }), 'DELETE'))).resolves.toBeUndefined();
    const pods = builtinResources().find((def) => def.resource === 'pods' && def.group === '')!;
    await expect(plugin(1).validate({ ...request(cluster('d', { team: 'blue' })), def: pods })).resolves.toBeUndefined();
  });
});
