import { jsonEqual } from './json-equal';

describe('jsonEqual', () => {
  it('ignores key order and treats an undefined field as absent', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it('tells apart types, lengths, null and absent', () => {
    expect(jsonEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(jsonEqual([1, 2], [1])).toBe(false);
    expect(jsonEqual({ a: null }, {})).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });

  it('compares objects cloned in another realm', () => {
    expect(jsonEqual(structuredClone({ a: [{ b: 1 }] }), { a: [{ b: 1 }] })).toBe(true);
  });
});
