import type { KubeObject } from '@drydock/util';
import { builtinResources } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import type { AdmissionRequest } from './admission';
import { ServiceIpAdmission, randomClusterIp } from './service-ip.admission';

const services = builtinResources().find((d) => d.group === '' && d.resource === 'services')!;

function service(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { ports: [{ port: 80, protocol: 'TCP' }], ...spec } };
}

async function admit(request: Partial<AdmissionRequest> & { object: KubeObject }, allocate = () => '10.96.0.10'): Promise<Record<string, unknown>> {
  await new ServiceIpAdmission(new MemoryObjectStore(), allocate).admit({ operation: 'CREATE', def: services, cluster: 'default', old: null, ...request });
  return request.object.spec as Record<string, unknown>;
}

describe('ServiceIpAdmission', () => {
  it('allocates a cluster IP to a new ClusterIP Service', async () => {
    expect(await admit({ object: service({ type: 'ClusterIP' }) })).toMatchObject({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
  });

  it('takes clusterIP from clusterIPs[0] rather than allocating one', async () => {
    expect(await admit({ object: service({ type: 'ClusterIP', clusterIPs: ['10.96.5.5'] }) })).toMatchObject({ clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5'] });
  });

  it('allocates nothing to a headless or ExternalName Service', async () => {
    expect((await admit({ object: service({ type: 'ClusterIP', clusterIP: 'None' }) })).clusterIP).toBe('None');
    expect((await admit({ object: service({ type: 'ExternalName', externalName: 'example.com' }) })).clusterIP).toBeUndefined();
  });

  it('keeps the allocated IP and node ports (matched by port and protocol) on an update that leaves them out', async () => {
    const old = service({ type: 'NodePort', clusterIP: '10.96.0.7', clusterIPs: ['10.96.0.7'], ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }, { port: 443, protocol: 'TCP', nodePort: 30443 }] });
    const object = service({ type: 'NodePort', ports: [{ port: 443, protocol: 'TCP' }, { port: 80, protocol: 'TCP' }] });
    const spec = await admit({ operation: 'UPDATE', object, old }, () => 'must-not-allocate');
    expect(spec).toMatchObject({ clusterIP: '10.96.0.7', ports: [{ port: 443, nodePort: 30443 }, { port: 80, nodePort: 30080 }] });
  });

  it('leaves a malformed ports list for validation to refuse', async () => {
    await expect(admit({ object: service({ type: 'NodePort', ports: 'eighty' }) })).resolves.toMatchObject({ ports: 'eighty' });
  });

  it('skips subresource writes (a /status update allocates nothing)', async () => {
    expect((await admit({ operation: 'UPDATE', subresource: 'status', object: service({ type: 'ClusterIP' }), old: service({}) })).clusterIP).toBeUndefined();
  });
});

describe('randomClusterIp', () => {
  it('picks an address of 10.96.0.0/12 that is not in use', () => {
    const address = randomClusterIp(new Set(['10.96.0.1']));
    expect(address).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(address).not.toBe('10.96.0.1');
  });
});
