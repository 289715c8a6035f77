import { cloneJson } from './json-clone';

describe('cloneJson', () => {
  it('copies nested objects and arrays so that changing the copy leaves the original alone', () => {
    const original = { a: { b: [1, { c: 'x' }] }, d: null, e: true };
    const copy = cloneJson(original);
    expect(copy).toEqual(original);
    (copy.a.b[1] as { c: string }).c = 'y';
    expect((original.a.b[1] as { c: string }).c).toBe('x');
  });

  it('keeps an own __proto__ key as a key instead of changing the prototype', () => {
    const copy = cloneJson(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('copies plain objects made in another realm (structuredClone makes them so under Jest) and keeps anything else by reference', () => {
    const foreign = structuredClone({ a: { b: 1 } });
    const copy = cloneJson(foreign);
    copy.a.b = 2;
    expect(foreign.a.b).toBe(1);
    const when = new Date(0);
    expect(cloneJson({ when }).when).toBe(when);
  });
});
