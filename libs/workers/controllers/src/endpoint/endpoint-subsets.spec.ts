import { MAX_ENDPOINTS_CAPACITY, repackSubsets, subsetsEqual, truncateSubsets } from './endpoint-subsets';

const address = (ip: string, uid = ip) => ({ ip, targetRef: { kind: 'Pod', namespace: 'ns', name: `pod-${ip}`, uid } });

describe('repackSubsets', () => {
  it('groups addresses that offer the same ports into one subset, sorted by IP', () => {
    const packed = repackSubsets([
      { addresses: [address('10.0.0.2')], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
      { addresses: [address('10.0.0.1')], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
      { notReadyAddresses: [address('10.0.0.3')], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
    ]);
    expect(packed).toEqual([{ addresses: [address('10.0.0.1'), address('10.0.0.2')], notReadyAddresses: [address('10.0.0.3')], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }]);
  });

  it('puts addresses whose pods resolve a named port differently in separate subsets', () => {
    const packed = repackSubsets([
      { addresses: [address('10.0.0.1')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: [address('10.0.0.2')], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
    ]);
    expect(packed.map((s) => [s.addresses?.map((a) => a.ip), s.ports?.map((p) => p.port)])).toEqual(expect.arrayContaining([[['10.0.0.1'], [8080]], [['10.0.0.2'], [9090]]]));
    expect(packed).toHaveLength(2);
  });

  it('makes an address not ready on a port where any subset says so', () => {
    const port = { port: 80, protocol: 'TCP' };
    const packed = repackSubsets([{ addresses: [address('10.0.0.1')], ports: [port] }, { notReadyAddresses: [address('10.0.0.1')], ports: [port] }]);
    expect(packed).toEqual([{ notReadyAddresses: [address('10.0.0.1')], ports: [port] }]);
  });

  it('keeps the addresses of a headless Service without ports, with no ports field', () => {
    expect(repackSubsets([{ addresses: [address('10.0.0.1')], ports: [] }])).toEqual([{ addresses: [address('10.0.0.1')] }]);
  });
});

describe('truncateSubsets', () => {
  it('keeps at most 1000 addresses, ready first', () => {
    const ready = Array.from({ length: 900 }, (_, i) => address(`10.0.${Math.floor(i / 250)}.${i % 250}`));
    const notReady = Array.from({ length: 300 }, (_, i) => address(`10.1.${Math.floor(i / 250)}.${i % 250}`));
    const subsets = [{ addresses: ready, notReadyAddresses: notReady, ports: [{ port: 80 }] }];
    expect(truncateSubsets(subsets)).toBe(true);
    expect(subsets[0].addresses).toHaveLength(900);
    expect(subsets[0].notReadyAddresses).toHaveLength(MAX_ENDPOINTS_CAPACITY - 900);
    expect(truncateSubsets([{ addresses: ready, ports: [{ port: 80 }] }])).toBe(false);
  });
});

describe('subsetsEqual', () => {
  it('ignores the targets resourceVersion but nothing else', () => {
    const a = [{ addresses: [{ ...address('10.0.0.1'), targetRef: { ...address('10.0.0.1').targetRef, resourceVersion: '5' } }], ports: [{ port: 80 }] }];
    expect(subsetsEqual(a, [{ addresses: [address('10.0.0.1')], ports: [{ port: 80 }] }])).toBe(true);
    expect(subsetsEqual(a, [{ addresses: [address('10.0.0.1')], ports: [{ port: 81 }] }])).toBe(false);
    expect(subsetsEqual(undefined, [])).toBe(true);
  });
});
