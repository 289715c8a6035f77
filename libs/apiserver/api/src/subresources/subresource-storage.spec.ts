import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { Admission } from '../pipeline/admission';
import { GenericStore } from '../rest/generic-store';
import { generateKeyPairSync } from 'node:crypto';
import { ServiceAccountKeys } from '../serviceaccount/service-account-keys';
import { withSubresourceStorage } from './subresource-storage';

const serviceAccountKeys = new ServiceAccountKeys(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);

function deps() {
  const store = new MemoryObjectStore();
  return { generic: new GenericStore(store, Admission.none), store, kubeletToken: 'token', serviceAccountKeys };
}

describe('withSubresourceStorage', () => {
  it("attaches the pod storage's REST objects to the pod definition's binding, eviction, log, exec, attach, portforward and proxy entries", () => {
    const pods = withSubresourceStorage(builtinResources(), deps()).find((d) => d.group === '' && d.resource === 'pods')!;
    const served = (pods.subresources?.extra ?? []).filter((entry) => entry.rest).map((entry) => entry.name);
    expect(served.sort()).toEqual(['attach', 'binding', 'eviction', 'exec', 'log', 'portforward', 'proxy']);
    expect(pods.subresources?.extra?.find((entry) => entry.name === 'proxy')?.rest?.proxy).toBeInstanceOf(Function);
    const services = withSubresourceStorage(builtinResources(), deps()).find((d) => d.group === '' && d.resource === 'services')!;
    expect(services.subresources?.extra?.find((entry) => entry.name === 'proxy')?.rest?.proxy).toBeInstanceOf(Function);
    expect(pods.subresources?.extra?.find((entry) => entry.name === 'exec')?.rest?.connect).toBeInstanceOf(Function);
  });

  it("attaches the namespace storage's FinalizeREST to namespaces/finalize", () => {
    const namespaces = withSubresourceStorage(builtinResources(), deps()).find((d) => d.group === '' && d.resource === 'namespaces')!;
    expect(namespaces.subresources?.extra?.find((entry) => entry.name === 'finalize')?.rest?.update).toBeInstanceOf(Function);
  });

  it("attaches the ServiceAccount storage's TokenREST to serviceaccounts/token", () => {
    const accounts = withSubresourceStorage(builtinResources(), deps()).find((d) => d.group === '' && d.resource === 'serviceaccounts')!;
    expect(accounts.subresources?.extra?.find((entry) => entry.name === 'token')?.rest?.create).toBeInstanceOf(Function);
  });

  it('leaves the registry definitions themselves untouched (they stay pure data)', () => {
    const builtins = builtinResources();
    withSubresourceStorage(builtins, deps());
    const pods = builtins.find((d) => d.group === '' && d.resource === 'pods')!;
    expect(pods.subresources?.extra?.some((entry) => entry.rest)).toBe(false);
  });

  it('refuses storage for a subresource the definition does not list', () => {
    const builtins = builtinResources().map((d) => (d.group === '' && d.resource === 'pods' ? { ...d, subresources: { ...d.subresources, extra: [] } } : d));
    expect(() => withSubresourceStorage(builtins, deps())).toThrow('pods/binding has storage but is not listed in its definition');
  });
});
