import type { KubeObject } from '@drydock/util';
import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { Admission, AdmissionRequest, MutatingAdmissionPlugin, ValidatingAdmissionPlugin } from '../pipeline/admission';
import { ServiceIpAdmission } from '../pipeline/service-ip.admission';
import { GenericStore } from './generic-store';
import type { WriteParams } from './request-context';

const params: WriteParams = { dryRun: false, fieldManager: 'test', fieldValidation: 'Strict' };
const services = builtinResources().find((d) => d.group === '' && d.resource === 'services')!;
const pods = builtinResources().find((d) => d.group === '' && d.resource === 'pods')!;
const serviceKey = { cluster: 'default', resource: 'services', namespace: 'default', name: 'web' };

function service(spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } };
}

function pod(): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
}

/** A plugin that records what it saw, for the order of the stages. */
function observer(seen: string[], label: string, view: (object: KubeObject) => string): MutatingAdmissionPlugin & ValidatingAdmissionPlugin {
  const record = async (request: Readonly<AdmissionRequest>) => void seen.push(`${label}:${view(request.object)}`);
  return { name: label, admit: record, validate: record };
}

describe('the write chain: decode → defaults → mutating admission → prepare → validate → validating admission → persist', () => {
  it('validates what mutating admission writes: a Service whose allocated clusterIP is invalid is refused with 422 Invalid', async () => {
    const store = new MemoryObjectStore();
    const generic = new GenericStore(store, new Admission([new ServiceIpAdmission(store, () => '10.96.0.300')], []));
    await expect(generic.create(services, 'default', 'default', service(), params)).rejects.toMatchObject({
      code: 422,
      reason: 'Invalid',
      details: { kind: 'Service', name: 'web', causes: [expect.objectContaining({ field: 'spec.clusterIPs[0]', message: expect.stringContaining('must be a valid IP address') })] },
    });
    expect(await store.get(serviceKey)).toBeNull();
  });

  it('stores the address mutating admission allocated once it validates', async () => {
    const store = new MemoryObjectStore();
    const generic = new GenericStore(store, new Admission([new ServiceIpAdmission(store, () => '10.96.0.10')], []));
    const { object } = await generic.create(services, 'default', 'default', service(), params);
    expect(object.spec).toMatchObject({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], type: 'ClusterIP' });
  });

  it('validates an update mutating admission changed: an invalid address is refused and the stored object stays', async () => {
    const store = new MemoryObjectStore();
    await new GenericStore(store, Admission.none).create(services, 'default', 'default', service({ clusterIP: 'None' }), params);
    const breaking: MutatingAdmissionPlugin = { name: 'break', admit: async (request) => void ((request.object.spec as Record<string, unknown>).sessionAffinity = 'Sometimes') };
    const generic = new GenericStore(store, new Admission([breaking], []));
    const update = generic.update(services, 'default', 'default', 'web', params, (current) => ({ ...current!, metadata: { ...current!.metadata, labels: { a: 'b' } } }));
    await expect(update).rejects.toMatchObject({ code: 422, reason: 'Invalid', details: { causes: [expect.objectContaining({ field: 'spec.sessionAffinity' })] } });
    expect((await store.get(serviceKey))!.metadata.labels).toBeUndefined();
  });

  it('runs mutating admission on the defaulted object before prepare, and validating admission on the prepared one', async () => {
    const seen: string[] = [];
    const view = (object: KubeObject) => `${(object.spec as { restartPolicy?: string }).restartPolicy}/${(object.status as { phase?: string } | undefined)?.phase}`;
    const plugin = observer(seen, 'plugin', view);
    const generic = new GenericStore(new MemoryObjectStore(), new Admission([plugin], [plugin]));
    await generic.create(pods, 'default', 'default', pod(), params);
    expect(seen).toEqual(['plugin:Always/undefined', 'plugin:Always/Pending']);
  });

  it('never shows an invalid object to validating admission', async () => {
    const seen: string[] = [];
    const generic = new GenericStore(new MemoryObjectStore(), new Admission([], [observer(seen, 'validating', () => '')]));
    const invalid = { ...pod(), spec: { containers: [] } };
    await expect(generic.create(pods, 'default', 'default', invalid, params)).rejects.toMatchObject({ code: 422 });
    expect(seen).toEqual([]);
  });

  it('persists nothing when validating admission refuses', async () => {
    const store = new MemoryObjectStore();
    const refuse: ValidatingAdmissionPlugin = {
      name: 'refuse',
      validate: async () => {
        throw Object.assign(new Error('no'), { code: 403 });
      },
    };
    await expect(new GenericStore(store, new Admission([], [refuse])).create(services, 'default', 'default', service(), params)).rejects.toMatchObject({ code: 403 });
    expect(await store.get(serviceKey)).toBeNull();
  });
});
