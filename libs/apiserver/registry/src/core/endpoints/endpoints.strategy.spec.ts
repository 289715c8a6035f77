import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { endpointsStrategy as strategy, formatEndpoints } from './endpoints.strategy';

const endpoints = (subsets: unknown[]): KubeObject => ({ metadata: { name: 'web', namespace: 'default' }, subsets });

describe('endpointsStrategy', () => {
  it('formats up to three endpoints then a count', () => {
    const ips = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => ({ ip }));
    expect(formatEndpoints(endpoints([{ addresses: ips, ports: [{ port: 80 }] }]))).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...');
    expect(formatEndpoints(endpoints([]))).toBe('<none>');
  });

  it('defaults a port protocol to TCP, as SetDefaults_EndpointPort', () => {
    const object = endpoints([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] }]);
    strategy.defaults!(object);
    expect((object.subsets as { ports: unknown[] }[])[0].ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }]);
    expect(strategy.validate(object)).toEqual([]);
  });

  it('requires addresses in each subset', () => {
    expect(strategy.validate(endpoints([{ ports: [{ port: 80, protocol: 'TCP' }] }])).map(fieldErrorMessage)).toEqual(['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']);
  });
});
