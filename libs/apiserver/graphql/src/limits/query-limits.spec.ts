import { buildSchema, parse, validate } from 'graphql';
import { assertComplexity, depthLimitRule } from './query-limits';

const schema = buildSchema('type Query { node: Node } type Node { name: String next: Node }');
const nested = (levels: number) => `{ ${'node { '.repeat(1)}${'next { '.repeat(levels - 2)}name${' }'.repeat(levels - 1)} }`;

describe('query limits', () => {
  it('accepts an operation 10 fields deep and refuses 11 with a clear error', () => {
    expect(validate(schema, parse(nested(10)), [depthLimitRule(10)])).toEqual([]);
    const errors = validate(schema, parse(nested(11)), [depthLimitRule(10)]);
    expect(errors.map((e) => [e.message, e.extensions.code])).toEqual([['the operation is nested 11 levels deep; the maximum query depth is 10', 'QUERY_TOO_DEEP']]);
  });

  it('follows fragments when counting depth, and ignores introspection fields', () => {
    const query = 'query Deep { node { ...F } } fragment F on Node { next { next { next { next { next { next { next { next { next { name } } } } } } } } } }';
    expect(validate(schema, parse(query), [depthLimitRule(10)])[0].message).toMatch(/^Deep is nested 11 levels deep/);
    expect(validate(schema, parse('{ __typename node { __typename name } }'), [depthLimitRule(2)])).toEqual([]);
  });

  it('refuses an operation whose estimated cost is over the limit', () => {
    const wide = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: node { name }`).join(' ')} }`;
    expect(() => assertComplexity(schema, parse(wide), {}, undefined, 100)).not.toThrow();
    expect(() => assertComplexity(schema, parse(wide), {}, undefined, 50)).toThrow(/the query's complexity is 60; the maximum is 50/);
  });
});
