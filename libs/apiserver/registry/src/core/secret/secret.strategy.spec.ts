import { fieldErrorMessage, KubeObject, StatusError } from '@drydock/util';
import { secretStrategy as strategy } from './secret.strategy';

function secret(fields: Record<string, unknown>): KubeObject {
  const object: KubeObject = { metadata: { name: 's', namespace: 'default' }, ...fields };
  strategy.defaults?.(object);
  return object;
}

describe('secretStrategy', () => {
  it('defaults the type to Opaque and merges stringData into data', () => {
    const object = secret({ data: { a: 'eA==' }, stringData: { b: 'hello' } });
    expect(object).toMatchObject({ type: 'Opaque', data: { a: 'eA==', b: 'aGVsbG8=' } });
    expect(object.stringData).toBeUndefined();
  });

  it('rejects data that is not base64 with a 400', () => {
    expect(() => secret({ data: { a: 'not base64!' } })).toThrow(StatusError);
    expect(() => secret({ data: { a: 'abc!' } })).toThrow('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
  });

  it('validates data keys', () => {
    expect(strategy.validate(secret({ data: { 'a b': 'eA==' } })).map(fieldErrorMessage)[0]).toMatch(/^data\[a b\]: Invalid value: "a b": a valid config key must consist of alphanumeric characters/);
  });

  it('requires the keys of a TLS secret', () => {
    expect(strategy.validate(secret({ type: 'kubernetes.io/tls', data: {} })).map(fieldErrorMessage)).toEqual(['data[tls.crt]: Required value', 'data[tls.key]: Required value']);
  });

  it('keeps type and data of an immutable secret', () => {
    const old = secret({ immutable: true, data: { a: 'eA==' } });
    const next = secret({ immutable: true, type: 'Other', data: { a: 'eQ==' } });
    expect(strategy.validateUpdate?.(next, old).map(fieldErrorMessage)).toEqual([
      'type: Invalid value: "Other": field is immutable',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it('counts data keys in the table', () => {
    expect(strategy.table?.row(secret({ data: { a: 'eA==', b: 'eA==' } }), { now: new Date() }).slice(0, 3)).toEqual(['s', 'Opaque', 2]);
  });
});
