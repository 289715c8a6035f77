import { StatusError } from '@drydock/util';
import { escapeFieldValue, matchesFields, parseFieldSelector } from './field-selector';

function errorOf(run: () => unknown): StatusError {
  try {
    run();
  } catch (error) {
    return error as StatusError;
  }
  throw new Error('expected an error');
}

describe('parseFieldSelector', () => {
  const podFields = ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'];

  it('parses =, == and != terms', () => {
    expect(parseFieldSelector('spec.nodeName=n1,status.phase!=Failed,metadata.name==x', podFields)).toEqual([
      { field: 'metadata.name', operator: '=', value: 'x' },
      { field: 'spec.nodeName', operator: '=', value: 'n1' },
      { field: 'status.phase', operator: '!=', value: 'Failed' },
    ]);
  });

  it('unescapes backslash-escaped commas and equals signs', () => {
    expect(parseFieldSelector('metadata.name=a\\,b\\=c', podFields)).toEqual([{ field: 'metadata.name', operator: '=', value: 'a,b=c' }]);
  });

  it('rejects an unknown field of a kind with field labels', () => {
    const error = errorOf(() => parseFieldSelector('foo=bar', podFields));
    expect(error.code).toBe(400);
    expect(error.message).toBe('field label not supported: foo');
  });

  it('rejects an unknown field of a kind with only metadata fields', () => {
    expect(errorOf(() => parseFieldSelector('spec.x=1')).message).toBe('"spec.x" is not a known field selector: only "metadata.name", "metadata.namespace"');
  });

  it('rejects a term without an operator', () => {
    expect(errorOf(() => parseFieldSelector('metadata.name')).message).toBe("invalid selector: 'metadata.name'; can't understand 'metadata.name'");
  });

  it('rejects an invalid escape sequence', () => {
    expect(errorOf(() => parseFieldSelector('metadata.name=a\\b')).message).toBe('invalid field selector: invalid escape sequence: \\b');
  });
});

describe('matchesFields', () => {
  it('ANDs the terms and treats missing fields as empty', () => {
    const requirements = parseFieldSelector('spec.nodeName=n1,status.phase!=Succeeded', ['spec.nodeName', 'status.phase']);
    expect(matchesFields(requirements, { 'spec.nodeName': 'n1', 'status.phase': 'Running' })).toBe(true);
    expect(matchesFields(requirements, { 'spec.nodeName': 'n1', 'status.phase': 'Succeeded' })).toBe(false);
    expect(matchesFields(requirements, { 'status.phase': 'Running' })).toBe(false);
  });
});

describe('escapeFieldValue', () => {
  it('escapes what parseFieldSelector unescapes, so any value round-trips', () => {
    const value = 'a,b=c\\d';
    expect(escapeFieldValue(value)).toBe('a\\,b\\=c\\\\d');
    expect(parseFieldSelector(`user.username=${escapeFieldValue(value)}`, ['user.username'])).toEqual([{ field: 'user.username', operator: '=', value }]);
  });
});
