import { parseQuantity } from './quantity';

describe('resource quantities', () => {
  it('reads cpu in cores and memory in bytes in every Kubernetes form', () => {
    expect(parseQuantity('100m')).toBeCloseTo(0.1);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('1Gi')).toBe(2 ** 30);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('500k')).toBe(500_000);
    expect(parseQuantity(4)).toBe(4);
  });

  it('counts what it cannot read as zero', () => {
    expect(parseQuantity('lots')).toBe(0);
    expect(parseQuantity(undefined)).toBe(0);
  });
});
