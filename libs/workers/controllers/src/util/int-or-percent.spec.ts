import { scaledValueFromIntOrPercent } from './int-or-percent';

describe('scaledValueFromIntOrPercent', () => {
  it('rounds percentages up or down as asked and passes integers through', () => {
    expect(scaledValueFromIntOrPercent('25%', 10, true)).toBe(3);
    expect(scaledValueFromIntOrPercent('25%', 10, false)).toBe(2);
    expect(scaledValueFromIntOrPercent('33%', 3, true)).toBe(1);
    expect(scaledValueFromIntOrPercent('33%', 3, false)).toBe(0);
    expect(scaledValueFromIntOrPercent(2, 10, false)).toBe(2);
  });

  it('refuses strings that are not percentages', () => {
    expect(() => scaledValueFromIntOrPercent('3', 10, true)).toThrow();
    expect(() => scaledValueFromIntOrPercent('abc', 10, true)).toThrow();
  });
});
