import { record, records, text, stringMap } from './object-fields';

describe('object fields', () => {
  it('reads a nested object by path, {} when any step is missing or not an object', () => {
    const pod = { spec: { template: { spec: { nodeName: 'n1' } } }, status: 'odd' };
    expect(record(pod, 'spec', 'template', 'spec')).toEqual({ nodeName: 'n1' });
    expect(record(pod, 'status', 'phase')).toEqual({});
    expect(record(undefined)).toEqual({});
  });

  it('reads an array of objects, entries that are not objects as {}', () => {
    expect(records([{ name: 'a' }, 'b', null])).toEqual([{ name: 'a' }, {}, {}]);
    expect(records('nope')).toEqual([]);
  });

  it('prints strings, numbers and booleans as Go prints the typed field, and never an object', () => {
    expect(text('1Gi')).toBe('1Gi');
    expect(text(1)).toBe('1');
    expect(text(false)).toBe('false');
    expect(text(undefined)).toBe('');
    expect(text(null)).toBe('');
    expect(text({ a: 1 })).toBe('');
    expect(text(['a'])).toBe('');
  });

  it('reads a map of strings', () => {
    expect(stringMap({ app: 'web', replicas: 2 })).toEqual({ app: 'web', replicas: '2' });
    expect(stringMap('x')).toEqual({});
  });
});
