import { resources } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import { fakeContext } from '../util/network-test-fixtures';
import { RootCaCertPublisherReconciler, rootCaConfigMapName } from './root-ca-cert-publisher.reconciler';
import { ServiceAccountsReconciler } from './serviceaccounts.reconciler';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const namespace = (name: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...extra } });

async function setUp() {
  const { client, informers, ctx } = fakeContext();
  const accounts = new ServiceAccountsReconciler(ctx);
  const publisher = new RootCaCertPublisherReconciler(ctx, 'CA PEM');
  informers.start();
  await informers.waitForCacheSync(5000);
  return { client, informers, accounts, publisher };
}

describe('the ServiceAccount controllers', () => {
  it('give an active namespace its default ServiceAccount and kube-root-ca.crt, and recreate them once deleted', async () => {
    const { client, informers, accounts, publisher } = await setUp();
    await client.create(resources.namespaces, '', namespace('team'));
    await settle();
    await accounts.sync('team');
    await publisher.sync('team');
    expect((await client.get(resources.serviceaccounts, 'team', 'default'))?.metadata.name).toBe('default');
    const configMap = await client.get(resources.configmaps, 'team', rootCaConfigMapName);
    expect(configMap?.data).toEqual({ 'ca.crt': 'CA PEM' });
    expect(configMap?.metadata.annotations?.['kubernetes.io/description']).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/);
    await client.delete(resources.serviceaccounts, 'team', 'default');
    await client.delete(resources.configmaps, 'team', rootCaConfigMapName);
    await settle();
    expect(accounts.queue.len()).toBeGreaterThan(0);
    await accounts.sync('team');
    await publisher.sync('team');
    expect(await client.get(resources.serviceaccounts, 'team', 'default')).not.toBeNull();
    expect((await client.get(resources.configmaps, 'team', rootCaConfigMapName))?.data).toEqual({ 'ca.crt': 'CA PEM' });
    await informers.stop();
  });

  it('put back a kube-root-ca.crt whose data was edited', async () => {
    const { client, informers, publisher } = await setUp();
    await client.create(resources.namespaces, '', namespace('team'));
    await client.create(resources.configmaps, 'team', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: rootCaConfigMapName, namespace: 'team' }, data: { 'ca.crt': 'forged' } });
    await settle();
    await publisher.sync('team');
    const configMap = await client.get(resources.configmaps, 'team', rootCaConfigMapName);
    expect(configMap?.data).toEqual({ 'ca.crt': 'CA PEM' });
    expect(configMap?.metadata.annotations?.['kubernetes.io/description']).toBeDefined();
    await informers.stop();
  });

  it('leave a terminating namespace alone', async () => {
    const { client, informers, accounts, publisher } = await setUp();
    await client.create(resources.namespaces, '', namespace('going', { deletionTimestamp: '2026-12-07T00:00:00Z' }));
    await settle();
    await accounts.sync('going');
    await publisher.sync('going');
    expect(await client.get(resources.serviceaccounts, 'going', 'default')).toBeNull();
    expect(await client.get(resources.configmaps, 'going', rootCaConfigMapName)).toBeNull();
    await informers.stop();
  });
});
