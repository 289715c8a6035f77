import type { Endpoints, EndpointSlice } from '../util/network.types';
import { planMirroredSlices } from './mirroring-plan';

const endpoints = (subsets: Endpoints['subsets'], extra: Partial<Endpoints['metadata']> = {}): Endpoints => ({
  apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external', namespace: 'ns', uid: 'ep-uid', labels: { team: 'a' }, annotations: { note: 'x', 'kubectl.kubernetes.io/last-applied-configuration': '{}' }, ...extra }, subsets,
});
const stored = (slices: EndpointSlice[]) => slices.map((slice, i) => ({ ...slice, metadata: { ...slice.metadata, name: `external-${i}`, generateName: undefined, resourceVersion: '1', uid: `s-${i}` } }));

describe('planMirroredSlices', () => {
  it('mirrors a subset into one slice labelled and owned as upstream, ready and not-ready addresses apart', () => {
    const { changes, invalid, skipped } = planMirroredSlices(endpoints([{ addresses: [{ ip: '192.0.2.1' }], notReadyAddresses: [{ ip: '192.0.2.2', nodeName: 'node-1' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }]));
    expect([invalid, skipped]).toEqual([0, 0]);
    expect(changes.create).toEqual([{
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: {
        generateName: 'external-', namespace: 'ns',
        labels: { team: 'a', 'kubernetes.io/service-name': 'external', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' },
        annotations: { note: 'x' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name: 'external', uid: 'ep-uid', controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['192.0.2.1'], conditions: { ready: true } }, { addresses: ['192.0.2.2'], conditions: { ready: false }, nodeName: 'node-1' }],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    }]);
  });

  it('updates the existing slice in place, leaves a matching one alone, and deletes it when the addresses go', () => {
    const first = endpoints([{ addresses: [{ ip: '192.0.2.1' }], ports: [{ port: 80 }] }]);
    const existing = stored(planMirroredSlices(first).changes.create);
    expect(planMirroredSlices(first, existing).changes).toEqual({ create: [], update: [], delete: [] });
    const more = planMirroredSlices(endpoints([{ addresses: [{ ip: '192.0.2.1' }, { ip: '192.0.2.3' }], ports: [{ port: 80 }] }]), existing).changes;
    expect(more.update.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([['external-0', 2]]);
    expect(planMirroredSlices(endpoints([]), existing).changes.delete.map((s) => s.metadata.name)).toEqual(['external-0']);
  });

  it('skips invalid IPs and addresses beyond the per-subset maximum', () => {
    const { changes, invalid, skipped } = planMirroredSlices(endpoints([{ addresses: [{ ip: 'not-an-ip' }, { ip: '192.0.2.1' }, { ip: '192.0.2.2' }, { ip: '2001:db8::1' }], ports: [{ port: 80 }] }]), [], 2);
    expect([invalid, skipped]).toEqual([1, 2]);
    expect(changes.create.map((s) => [s.addressType, s.endpoints.map((e) => e.addresses[0])])).toEqual([['IPv4', ['192.0.2.1', '192.0.2.2']]]);
  });

  it('puts IPv6 addresses in their own slice', () => {
    const { changes } = planMirroredSlices(endpoints([{ addresses: [{ ip: '192.0.2.1' }, { ip: '2001:db8::1' }], ports: [{ port: 80 }] }]));
    expect(changes.create.map((s) => s.addressType)).toEqual(['IPv4', 'IPv6']);
  });
});
