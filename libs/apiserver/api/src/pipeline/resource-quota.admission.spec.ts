import type { KubeObject } from '@drydock/util';
import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { ResourceQuotaAdmission } from './resource-quota.admission';

const pods = builtinResources().find((d) => d.group === '' && d.resource === 'pods')!;
const quotaKey = { cluster: 'default', resource: 'resourcequotas', namespace: 'team', name: 'q' };
const pod = (name: string): KubeObject => ({ metadata: { name, namespace: 'team' }, spec: { containers: [{ name: 'c' }] } });

async function setup(hard: Record<string, string>, used: Record<string, string>) {
  const store = new MemoryObjectStore();
  await store.create(quotaKey, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'team' }, spec: { hard }, status: { hard, used } });
  // Two API servers on one store: the resourceVersion precondition, not an in-process queue, keeps them exact.
  const servers = [0, 1].map(() => new ResourceQuotaAdmission(store, { snapshot: () => ({ items: [] }) }));
  return { store, servers };
}

describe('ResourceQuotaAdmission', () => {
  it('admits exactly up to hard under concurrent creates from two API servers, and charges status.used', async () => {
    const { store, servers } = await setup({ pods: '5' }, { pods: '0' });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => servers[i % 2].validate({ operation: 'CREATE', def: pods, cluster: 'default', object: pod(`p${i}`), old: null })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(7);
    expect(refused[0].reason).toMatchObject({ code: 403, message: expect.stringMatching(/^pods "p\d+" is forbidden: exceeded quota: q, requested: pods=1, used: pods=5, limited: pods=5$/) });
    expect((await store.get(quotaKey))?.status).toMatchObject({ used: { pods: '5' } });
  });

  it('names a generated pod by its generateName, as upstream admission does', async () => {
    const { servers } = await setup({ pods: '0' }, { pods: '0' });
    const generated: KubeObject = { metadata: { generateName: 'web-6d4cf56db6-', namespace: 'team' }, spec: { containers: [{ name: 'c' }] } };
    await expect(servers[0].validate({ operation: 'CREATE', def: pods, cluster: 'default', object: generated, old: null })).rejects.toMatchObject({
      message: 'pods "web-6d4cf56db6-" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0',
    });
  });

  it('leaves writes in a namespace without quotas alone', async () => {
    const store = new MemoryObjectStore();
    const plugin = new ResourceQuotaAdmission(store, { snapshot: () => ({ items: [] }) });
    await expect(plugin.validate({ operation: 'CREATE', def: pods, cluster: 'default', object: pod('a'), old: null })).resolves.toBeUndefined();
  });
  it('checks a dry run as the real create but charges nothing', async () => {
    const { store, servers } = await setup({ pods: '1' }, { pods: '0' });
    await servers[0].validate({ operation: 'CREATE', def: pods, cluster: 'default', object: pod('dry'), old: null, dryRun: true });
    expect((await store.get(quotaKey))?.status).toMatchObject({ used: { pods: '0' } });
    await servers[0].validate({ operation: 'CREATE', def: pods, cluster: 'default', object: pod('real'), old: null });
    await expect(servers[0].validate({ operation: 'CREATE', def: pods, cluster: 'default', object: pod('over'), old: null, dryRun: true })).rejects.toMatchObject({ code: 403 });
    expect((await store.get(quotaKey))?.status).toMatchObject({ used: { pods: '1' } });
  });
});
