import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { ServiceAccountAdmission, serviceAccountMountPath } from './service-account.admission';

interface Mount { name: string; mountPath: string; readOnly?: boolean }
interface Spec {
  serviceAccountName?: string;
  imagePullSecrets?: { name: string }[];
  volumes?: { name: string; projected?: unknown }[];
  containers: { volumeMounts?: Mount[] }[];
}

const pods = builtinResources().find((d) => d.group === '' && d.resource === 'pods')!;

function pod(spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team', annotations }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox' }], ...spec } };
}

async function storeWith(...accounts: Record<string, unknown>[]): Promise<MemoryObjectStore> {
  const store = new MemoryObjectStore();
  for (const account of accounts) {
    const name = String(account.name);
    await store.create({ cluster: 'default', resource: 'serviceaccounts', namespace: 'team', name }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'team' }, ...(account.fields as object) });
  }
  return store;
}

async function admit(object: KubeObject, store: MemoryObjectStore): Promise<Spec> {
  const plugin = new ServiceAccountAdmission(store, undefined, () => 1);
  const request = { operation: 'CREATE' as const, def: pods, cluster: 'default', object, old: null };
  await plugin.admit(request);
  await plugin.validate(request);
  return object.spec as Spec;
}

describe('ServiceAccountAdmission', () => {
  it('runs a pod as `default` and mounts the projected kube-api-access volume read-only in every container', async () => {
    const spec = await admit(pod(), await storeWith({ name: 'default' }));
    expect(spec).toMatchObject({ serviceAccountName: 'default', serviceAccount: 'default' });
    expect(spec.volumes).toHaveLength(1);
    const volume = spec.volumes![0];
    expect(volume.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
    for (const container of spec.containers) expect(container.volumeMounts).toEqual([{ name: volume.name, readOnly: true, mountPath: serviceAccountMountPath }]);
  });

  it('mounts nothing when the pod, or else its account, turns automounting off, and copies the account\'s imagePullSecrets', async () => {
    const store = await storeWith({ name: 'default' }, { name: 'quiet', fields: { automountServiceAccountToken: false, imagePullSecrets: [{ name: 'registry' }] } });
    expect((await admit(pod({ automountServiceAccountToken: false }), store)).volumes).toBeUndefined();
    const quiet = await admit(pod({ serviceAccountName: 'quiet' }), store);
    expect(quiet.volumes).toBeUndefined();
    expect(quiet.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect((await admit(pod({ serviceAccountName: 'quiet', automountServiceAccountToken: true }), store)).volumes).toHaveLength(1);
  });

  it('leaves a container that already mounts something at the token path alone', async () => {
    const own = { name: 'mine', mountPath: serviceAccountMountPath };
    const spec = await admit(pod({ containers: [{ name: 'a', image: 'nginx', volumeMounts: [own] }] }), await storeWith({ name: 'default' }));
    expect(spec.containers[0].volumeMounts).toEqual([own]);
    expect(spec.volumes).toBeUndefined();
  });

  it('refuses a pod whose ServiceAccount does not exist, with upstream\'s message', async () => {
    const refusal = admit(pod({ serviceAccountName: 'ghost' }), await storeWith({ name: 'default' }));
    await expect(refusal).rejects.toThrow(StatusError);
    await expect(refusal).rejects.toThrow('pods "p" is forbidden: error looking up service account team/ghost: serviceaccount "ghost" not found');
    await expect(admit(pod(), await storeWith())).rejects.toThrow('error looking up service account team/default: serviceaccount "default" not found');
  });

  it('finds the account in the watch cache before asking the store', async () => {
    const store = await storeWith();
    const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'cached', namespace: 'team' }, automountServiceAccountToken: false };
    const cache = { snapshot: () => ({ items: [account] }) };
    const object = pod({ serviceAccountName: 'cached' });
    await new ServiceAccountAdmission(store, cache, () => 1).admit({ operation: 'CREATE', def: pods, cluster: 'default', object, old: null });
    expect((object.spec as Spec).volumes).toBeUndefined();
  });

  it('does not touch a mirror pod, and refuses one that names a ServiceAccount', async () => {
    const mirror = 'kubernetes.io/config.mirror';
    const spec = await admit(pod({}, { [mirror]: 'hash' }), await storeWith());
    expect(spec.serviceAccountName).toBeUndefined();
    await expect(admit(pod({ serviceAccountName: 'default' }, { [mirror]: 'hash' }), await storeWith({ name: 'default' }))).rejects.toThrow('a mirror pod may not reference service accounts');
  });
});
