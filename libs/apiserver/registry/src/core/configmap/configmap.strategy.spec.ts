import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { configMapStrategy as strategy } from './configmap.strategy';

const configMap = (fields: Record<string, unknown>): KubeObject => ({ metadata: { name: 'cm', namespace: 'default' }, ...fields });

describe('configMapStrategy', () => {
  it('rejects a key present in both data and binaryData', () => {
    expect(strategy.validate(configMap({ data: { a: 'x' }, binaryData: { a: 'eA==' } })).map(fieldErrorMessage)).toEqual([
      'data[a]: Invalid value: "a": duplicate of key present in binaryData',
      'binaryData[a]: Invalid value: "a": duplicate of key present in data',
    ]);
  });

  it('rejects keys starting with ..', () => {
    expect(strategy.validate(configMap({ data: { '..x': 'y' } })).map(fieldErrorMessage)).toEqual(['data[..x]: Invalid value: "..x": must not start with \'..\'']);
  });

  it('forbids changing data once immutable', () => {
    const old = configMap({ immutable: true, data: { a: 'x' } });
    expect(strategy.validateUpdate?.(configMap({ immutable: true, data: { a: 'y' } }), old).map(fieldErrorMessage)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(strategy.validateUpdate?.(configMap({ data: { a: 'x' } }), old).map(fieldErrorMessage)).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
  });

  it('counts data and binaryData keys', () => {
    expect(strategy.table?.row(configMap({ data: { a: 'x' }, binaryData: { b: 'eA==' } }), { now: new Date() })[1]).toBe(2);
  });
});
