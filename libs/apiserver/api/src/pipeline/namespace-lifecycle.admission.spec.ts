import type { KubeObject } from '@drydock/util';
import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { NamespaceLifecycleAdmission } from './namespace-lifecycle.admission';

const find = (resource: string) => builtinResources().find((d) => d.group === '' && d.resource === resource)!;
const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } };

async function plugin(namespace?: KubeObject): Promise<NamespaceLifecycleAdmission> {
  const store = new MemoryObjectStore();
  if (namespace) await store.create({ cluster: 'default', resource: 'namespaces', namespace: '', name: namespace.metadata.name! }, namespace);
  return new NamespaceLifecycleAdmission(store, { snapshot: () => ({ items: [] }) });
}

describe('NamespaceLifecycleAdmission', () => {
  it('refuses new objects in a missing namespace with 404', async () => {
    await expect((await plugin()).validate({ operation: 'CREATE', def: find('configmaps'), cluster: 'default', object: configMap, old: null })).rejects.toMatchObject({ code: 404, message: 'namespaces "team" not found' });
  });

  it('refuses new objects in a terminating namespace with 403 NamespaceTerminating', async () => {
    const terminating = await plugin({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, status: { phase: 'Terminating' } });
    await expect(terminating.validate({ operation: 'CREATE', def: find('configmaps'), cluster: 'default', object: configMap, old: null })).rejects.toMatchObject({
      code: 403,
      message: expect.stringContaining('unable to create new content in namespace team because it is being terminated'),
      details: { causes: [{ reason: 'NamespaceTerminating', message: 'namespace team is being terminated', field: 'metadata.namespace' }] },
    });
  });

  it('admits new objects in an active namespace, and updates anywhere', async () => {
    const active = await plugin({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, status: { phase: 'Active' } });
    await expect(active.validate({ operation: 'CREATE', def: find('configmaps'), cluster: 'default', object: configMap, old: null })).resolves.toBeUndefined();
    await expect((await plugin()).validate({ operation: 'UPDATE', def: find('configmaps'), cluster: 'default', object: configMap, old: configMap })).resolves.toBeUndefined();
  });

  it('refuses to delete the system namespaces', async () => {
    const kubeSystem: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } };
    await expect((await plugin()).validate({ operation: 'DELETE', def: find('namespaces'), cluster: 'default', object: kubeSystem, old: kubeSystem })).rejects.toMatchObject({ code: 403, message: 'namespaces "kube-system" is forbidden: this namespace may not be deleted' });
  });
});
