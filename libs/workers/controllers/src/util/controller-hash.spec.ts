import { computeHash, fnv32a, safeEncodeString } from './controller-hash';

describe('computeHash (pod-template-hash)', () => {
  it('implements FNV-32a (published test vectors)', () => {
    expect(fnv32a(Buffer.from(''))).toBe(0x811c9dc5);
    expect(fnv32a(Buffer.from('a'))).toBe(0xe40c292c);
    expect(fnv32a(Buffer.from('foobar'))).toBe(0xbf9cf968);
  });

  it('encodes decimal digits onto the alphabet real pod-template-hashes use', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable, ignores key order, and changes with the template and the collision count', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } };
    const reordered = { spec: { containers: [{ image: 'nginx:1.25', name: 'web' }] }, metadata: { labels: { app: 'web' } } };
    const hash = computeHash(template);
    expect(hash).toMatch(/^[456789bcdf]{6,10}$/);
    expect(computeHash(reordered)).toBe(hash);
    expect(computeHash({ ...template, spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } })).not.toBe(hash);
    expect(computeHash(template, 1)).not.toBe(hash);
    expect(computeHash(template, 1)).toBe(computeHash(template, 1));
  });
});
