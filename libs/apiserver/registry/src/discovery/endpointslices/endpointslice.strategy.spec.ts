import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { endpointSliceStrategy } from './endpointslice.strategy';

function slice(fields: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'web-abc', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z' }, addressType: 'IPv4', ...fields };
}

describe('endpointslice strategy', () => {
  it('prints three addresses and ports, then how many more', () => {
    const endpoints = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => ({ addresses: [ip] }));
    const object = slice({ endpoints, ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'any', protocol: 'TCP' }] });
    expect(endpointSliceStrategy.validate(object)).toEqual([]);
    expect(endpointSliceStrategy.table!.row(object, { now: new Date('2026-11-22T00:00:04Z') })).toEqual(['web-abc', 'IPv4', '80,any', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...', '4s']);
    expect(endpointSliceStrategy.table!.row(slice({}), { now: new Date('2026-11-22T00:00:04Z') }).slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });

  it('requires an address type, addresses and a protocol, and keeps the address type immutable', () => {
    const object = slice({ addressType: undefined, endpoints: [{ addresses: [] }], ports: [{ port: 80 }] });
    expect(endpointSliceStrategy.validate(object).map(fieldErrorMessage)).toEqual([
      'addressType: Required value',
      'endpoints[0].addresses: Required value: must contain at least 1 address',
      'ports[0].protocol: Required value',
    ]);
    expect(endpointSliceStrategy.validateUpdate!(slice({ addressType: 'IPv6' }), slice({})).map((e) => e.field)).toEqual(['addressType']);
  });
});
