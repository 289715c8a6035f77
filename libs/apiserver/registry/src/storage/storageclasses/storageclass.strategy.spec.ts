import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { storageClassStrategy } from './storageclass.strategy';

function storageClass(fields: Record<string, unknown> = {}): KubeObject {
  const object: KubeObject = { metadata: { name: 'standard', creationTimestamp: '2026-11-22T00:00:00Z', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', ...fields };
  storageClassStrategy.defaults!(object);
  return object;
}

describe('storageclass strategy', () => {
  it('defaults the reclaim policy and binding mode and prints the default marker', () => {
    const object = storageClass();
    expect(storageClassStrategy.validate(object)).toEqual([]);
    expect(storageClassStrategy.table!.row(object, { now: new Date('2026-11-22T00:00:05Z') })).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'Immediate', false, '5s']);
  });

  it('forbids changing parameters, provisioner and reclaim policy', () => {
    const updated = storageClass({ provisioner: 'other.io/x', parameters: { a: 'b' }, reclaimPolicy: 'Retain' });
    expect(storageClassStrategy.validateUpdate!(updated, storageClass()).map(fieldErrorMessage)).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
    ]);
  });
});
