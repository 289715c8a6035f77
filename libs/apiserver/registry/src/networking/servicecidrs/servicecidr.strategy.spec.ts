import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { ipAddressStrategy } from '../ipaddresses/ipaddress.strategy';
import { serviceCidrStrategy } from './servicecidr.strategy';

const now = new Date('2026-11-22T00:00:02Z');

function serviceCidr(cidrs: string[]): KubeObject {
  return { metadata: { name: 'kubernetes', creationTimestamp: '2026-11-22T00:00:00Z' }, spec: { cidrs } };
}

describe('servicecidr and ipaddress strategies', () => {
  it('accepts one CIDR per family and prints them', () => {
    const object = serviceCidr(['10.96.0.0/12', 'fd00:10:96::/112']);
    expect(serviceCidrStrategy.validate(object)).toEqual([]);
    expect(serviceCidrStrategy.table!.row(object, { now })).toEqual(['kubernetes', '10.96.0.0/12,fd00:10:96::/112', '2s']);
    expect(serviceCidrStrategy.validate(serviceCidr(['10.96.0.0/12', '10.0.0.0/8'])).map(fieldErrorMessage)).toEqual([
      'spec.cidrs: Invalid value: ["10.96.0.0/12","10.0.0.0/8"]: may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64',
    ]);
  });

  it('names addresses by IP and prints the parent reference', () => {
    const address: KubeObject = { metadata: { name: '10.96.0.1', creationTimestamp: '2026-11-22T00:00:00Z' }, spec: { parentRef: { group: '', resource: 'services', namespace: 'default', name: 'kubernetes' } } };
    expect(ipAddressStrategy.validate(address)).toEqual([]);
    expect(ipAddressStrategy.table!.row(address, { now })).toEqual(['10.96.0.1', 'services/default/kubernetes', '2s']);
    expect(ipAddressStrategy.validate({ ...address, metadata: { name: 'not-an-ip' } }).map((e) => e.field)).toEqual(['metadata.name']);
  });
});
