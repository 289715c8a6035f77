import { milliValue, parseQuantity, unitValue } from './quantity';
import { podNonZeroRequests, podRequests } from './resources';
import { makePod } from './testing';

describe('quantities', () => {
  it('parses decimal, binary and exponent suffixes', () => {
    expect(milliValue('500m')).toBe(500);
    expect(milliValue('2')).toBe(2000);
    expect(milliValue('0.1')).toBe(100);
    expect(unitValue('16Gi')).toBe(16 * 2 ** 30);
    expect(unitValue('1k')).toBe(1000);
    expect(unitValue('1e3')).toBe(1000);
    expect(unitValue('128974848')).toBe(128974848);
    expect(parseQuantity('nonsense')).toBe(0);
  });

  it('rounds fractional units up like Quantity.Value()', () => {
    expect(milliValue('1n')).toBe(1);
    expect(unitValue('1.5')).toBe(2);
  });
});

describe('pod requests', () => {
  it('sums containers, keeps the largest init container and adds overhead', () => {
    const pod = makePod('p', {
      containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }, { name: 'b', resources: { requests: { cpu: '200m', memory: '1Gi' } } }],
      initContainers: [{ name: 'init', resources: { requests: { cpu: '1' } } }],
      overhead: { cpu: '50m' },
    });
    expect(podRequests(pod)).toMatchObject({ milliCPU: 1050, memory: 2 ** 30 });
  });

  it('takes a limit as the request when only the limit is set', () => {
    const pod = makePod('p', { containers: [{ name: 'a', resources: { limits: { cpu: '2' } } }] });
    expect(podRequests(pod).milliCPU).toBe(2000);
  });

  it('uses upstream defaults for scoring containers without requests', () => {
    expect(podNonZeroRequests(makePod('p'))).toEqual({ milliCPU: 100, memory: 200 * 1024 * 1024 });
  });
});
