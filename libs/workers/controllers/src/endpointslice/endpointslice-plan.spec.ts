import type { EndpointSlice } from '../util/network.types';
import type { Pod } from '../util/workload.types';
import { testPod, testService } from '../util/network-test-fixtures';
import { planEndpointSlices, SlicePlanInput } from './endpointslice-plan';

const service = { ...testService('web'), metadata: { name: 'web', namespace: 'ns', uid: 'svc-uid', labels: { app: 'web' } } };
const pods = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ ...testPod(`web-${from + i}`, 'web', `10.244.${Math.floor((from + i) / 250)}.${(from + i) % 250}`), metadata: { name: `web-${from + i}`, namespace: 'ns', uid: `pod-${from + i}`, labels: { app: 'web' } } }) as Pod);
const input = (overrides: Partial<SlicePlanInput>): SlicePlanInput => ({ service, pods: [], existing: [], node: () => ({}), maxEndpointsPerSlice: 100, controllerName: 'endpointslice-controller.k8s.io', ...overrides });

/** What the API server would store: a name for each slice created. */
function stored(slices: EndpointSlice[], prefix = 'web-'): EndpointSlice[] {
  return slices.map((slice, i) => ({ ...slice, metadata: { ...slice.metadata, name: slice.metadata.name ?? `${prefix}${i}`, generateName: undefined, resourceVersion: '1', uid: `slice-${i}` } }));
}

describe('planEndpointSlices', () => {
  it('spreads 250 endpoints over slices of at most 100, labelled and owned as upstream', () => {
    const { changes, errors } = planEndpointSlices(input({ pods: pods(250) }));
    expect(errors).toEqual([]);
    expect(changes.create.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
    const [slice] = changes.create;
    expect(slice.metadata).toEqual({
      generateName: 'web-', namespace: 'ns',
      labels: { app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(slice.endpoints[0]).toEqual({ addresses: ['10.244.0.0'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'web-0', uid: 'pod-0' } });
  });

  it('on a scale-down removes endpoints in place, and deletes a slice left empty', () => {
    const existing = stored(planEndpointSlices(input({ pods: pods(150) })).changes.create);
    const { changes } = planEndpointSlices(input({ pods: pods(50), existing }));
    expect(changes.create).toEqual([]);
    expect(changes.update.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([['web-0', 50]]);
    expect(changes.delete.map((s) => s.metadata.name)).toEqual(['web-1']);
  });

  it('does nothing when the slices already match, and updates conditions in place', () => {
    const existing = stored(planEndpointSlices(input({ pods: pods(3) })).changes.create);
    expect(planEndpointSlices(input({ pods: pods(3), existing })).changes).toEqual({ create: [], update: [], delete: [] });
    const terminating = pods(3);
    terminating[1].metadata.deletionTimestamp = '2026-12-06T10:00:00Z';
    const { changes } = planEndpointSlices(input({ pods: terminating, existing }));
    expect(changes.update).toHaveLength(1);
    expect(changes.update[0].endpoints[1].conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('keeps one empty placeholder slice for a Service without endpoints', () => {
    const { changes } = planEndpointSlices(input({ pods: [] }));
    expect(changes.create).toHaveLength(1);
    expect(changes.create[0]).toMatchObject({ endpoints: [], ports: [], addressType: 'IPv4' });
    expect(planEndpointSlices(input({ pods: [], existing: stored(changes.create) })).changes).toEqual({ create: [], update: [], delete: [] });
    const replaced = planEndpointSlices(input({ pods: pods(1), existing: stored(changes.create) })).changes;
    expect(replaced.create).toEqual([]);
    expect(replaced.delete).toEqual([]);
    expect(replaced.update.map((s) => [s.metadata.name, s.endpoints.length])).toEqual([['web-0', 1]]);
  });

  it('puts pods that resolve a named port differently into different slices', () => {
    const named = { ...service, spec: { ...service.spec, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' }] } };
    const [a, b] = pods(2);
    a.spec = { ...a.spec, containers: [{ name: 'c', ports: [{ name: 'web', containerPort: 8000 }] }] };
    b.spec = { ...b.spec, containers: [{ name: 'c', ports: [{ name: 'web', containerPort: 9000 }] }] };
    const { changes } = planEndpointSlices(input({ service: named, pods: [a, b] }));
    expect(changes.create.map((s) => [s.ports?.[0].port, s.endpoints.map((e) => e.addresses[0])])).toEqual([[8000, ['10.244.0.0']], [9000, ['10.244.0.1']]]);
  });

  it('skips a pod whose node does not exist and reports it, unless not-ready addresses are published', () => {
    const { changes, errors } = planEndpointSlices(input({ pods: pods(2), node: (name) => (name === 'node-1' ? undefined : {}) }));
    expect(errors).toEqual(['skipping Pod web-0 for Service ns/web: Node node-1 Not Found', 'skipping Pod web-1 for Service ns/web: Node node-1 Not Found']);
    expect(changes.create[0].endpoints).toEqual([]);
    const published = { ...service, spec: { ...service.spec, publishNotReadyAddresses: true } };
    expect(planEndpointSlices(input({ service: published, pods: pods(2), node: () => undefined })).errors).toEqual([]);
  });

  it('labels the slices of a headless Service and copies a node zone', () => {
    const headless = { ...service, spec: { ...service.spec, clusterIP: 'None' } };
    const { changes } = planEndpointSlices(input({ service: headless, pods: pods(1), node: () => ({ zone: 'zone-a' }) }));
    expect(changes.create[0].metadata.labels?.['service.kubernetes.io/headless']).toBe('');
    expect(changes.create[0].endpoints[0].zone).toBe('zone-a');
  });
});
