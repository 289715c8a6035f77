import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { persistentVolumeClaimStrategy as strategy } from './persistentvolumeclaim.strategy';

const ctx = { now: new Date('2026-11-22T12:00:00Z') };

function claim(spec: Record<string, unknown>): KubeObject {
  const object: KubeObject = { metadata: { name: 'data', namespace: 'default', creationTimestamp: '2026-11-22T11:00:00Z' }, spec };
  strategy.defaults?.(object);
  strategy.prepareForCreate?.(object, ctx);
  return object;
}

const valid = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' };

describe('persistentVolumeClaimStrategy', () => {
  it('defaults volumeMode and starts Pending', () => {
    const object = claim(valid);
    expect(object.spec).toMatchObject({ volumeMode: 'Filesystem' });
    expect(object.status).toEqual({ phase: 'Pending' });
    expect(strategy.validate(object)).toEqual([]);
  });

  it('requires access modes and a storage request', () => {
    expect(strategy.validate(claim({})).map(fieldErrorMessage)).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ]);
  });

  it('only lets resources.requests change after creation', () => {
    const old = claim(valid);
    expect(strategy.validateUpdate?.(claim({ ...valid, resources: { requests: { storage: '2Gi' } } }), old)).toEqual([]);
    const errors = strategy.validateUpdate?.(claim({ ...valid, storageClassName: 'fast' }), old) ?? [];
    expect(errors.map(fieldErrorMessage)).toEqual(['spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims']);
  });

  it('lets the PV controller set volumeName once and an unset storageClassName (the retroactive default)', () => {
    const old = claim(valid);
    expect(strategy.validateUpdate?.(claim({ ...valid, volumeName: 'pv-1' }), old)).toEqual([]);
    expect(strategy.validateUpdate?.(claim({ ...valid, volumeName: 'pv-2' }), claim({ ...valid, volumeName: 'pv-1' }))?.map(fieldErrorMessage)).toHaveLength(1);
    const classless = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };
    expect(strategy.validateUpdate?.(claim(valid), claim(classless))).toEqual([]);
  });

  it('prints an unbound claim without capacity', () => {
    expect(strategy.table?.row(claim(valid), ctx)).toEqual(['data', 'Pending', '', '', '', 'standard', '<unset>', '60m', 'Filesystem']);
  });
});
