import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { statefulSetStrategy } from './statefulset.strategy';

function statefulSet(spec: Record<string, unknown> = {}): KubeObject {
  const object: KubeObject = {
    metadata: { name: 'db', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z' },
    spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:17' }] } }, ...spec },
  };
  statefulSetStrategy.defaults!(object);
  return object;
}

describe('statefulset strategy', () => {
  it('defaults policies, partition and retention', () => {
    expect(statefulSet().spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1,
      revisionHistoryLimit: 10,
    });
    expect(statefulSetStrategy.validate(statefulSet())).toEqual([]);
  });

  it('forbids spec changes other than the mutable fields', () => {
    const old = statefulSet();
    expect(statefulSetStrategy.validateUpdate!(statefulSet({ replicas: 3 }), old)).toEqual([]);
    expect(statefulSetStrategy.validateUpdate!(statefulSet({ serviceName: 'other' }), old).map(fieldErrorMessage)).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  it('prints ready over desired replicas', () => {
    const object = statefulSet({ replicas: 3 });
    object.status = { readyReplicas: 1 };
    expect(statefulSetStrategy.table!.row(object, { now: new Date('2026-11-22T02:00:00Z') })).toEqual(['db', '1/3', '120m', 'pg', 'postgres:17']);
  });
});
