import { claimClass, findBestMatch } from './volume-matching';
import type { PersistentVolume, PersistentVolumeClaim } from './volume.types';

const claim = (spec: Partial<PersistentVolumeClaim['spec']> = {}): PersistentVolumeClaim => ({ metadata: { name: 'data', namespace: 'ns', uid: 'c1' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'manual', ...spec } });
const volume = (name: string, storage: string, spec: Partial<PersistentVolume['spec']> = {}, phase?: NonNullable<PersistentVolume['status']>['phase']): PersistentVolume => ({ metadata: { name }, spec: { capacity: { storage }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], storageClassName: 'manual', ...spec }, status: { phase } });

describe('findBestMatch', () => {
  it('picks the smallest volume of the class that is big enough and offers the access modes', () => {
    const volumes = [volume('big', '10Gi'), volume('small', '500Mi'), volume('fit', '2Gi'), volume('other-class', '1Gi', { storageClassName: 'fast' }), volume('rwx-only', '1Gi', { accessModes: ['ReadWriteMany'] })];
    expect(findBestMatch(claim(), volumes)?.metadata.name).toBe('fit');
  });

  it('skips volumes bound to another claim or released, and prefers one pre-bound to this claim', () => {
    const taken = volume('taken', '1Gi', { claimRef: { namespace: 'ns', name: 'other', uid: 'c2' } });
    const released = volume('released', '1Gi', {}, 'Released');
    expect(findBestMatch(claim(), [taken, released])).toBeUndefined();
    const preBound = volume('mine', '100Gi', { claimRef: { namespace: 'ns', name: 'data' } });
    expect(findBestMatch(claim(), [volume('fit', '1Gi'), preBound])?.metadata.name).toBe('mine');
  });

  it('matches a claim without a class only to volumes without one, and honours the selector', () => {
    const classless = claim({ storageClassName: undefined });
    expect(claimClass(classless)).toBe('');
    expect(findBestMatch(classless, [volume('manual', '1Gi'), volume('none', '1Gi', { storageClassName: undefined })])?.metadata.name).toBe('none');
    const selective = claim({ selector: { matchLabels: { tier: 'gold' } } });
    const gold = { ...volume('gold', '5Gi'), metadata: { name: 'gold', labels: { tier: 'gold' } } };
    expect(findBestMatch(selective, [volume('plain', '1Gi'), gold])?.metadata.name).toBe('gold');
  });
});
