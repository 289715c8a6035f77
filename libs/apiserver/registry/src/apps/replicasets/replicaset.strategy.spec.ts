import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { replicaSetStrategy } from './replicaset.strategy';
import { valueAt } from '../../support/object-fields';

function replicaSet(): KubeObject {
  const object: KubeObject = {
    metadata: { name: 'web-5d4f', namespace: 'default', creationTimestamp: '2026-11-20T00:00:00Z' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d4f' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': '5d4f', tier: 'a' } }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] } },
    },
  };
  replicaSetStrategy.defaults!(object);
  return object;
}

describe('replicaset strategy', () => {
  it('validates a replica set whose selector uses expressions', () => {
    expect(replicaSetStrategy.validate(replicaSet())).toEqual([]);
  });

  it('rejects a template that the selector does not select', () => {
    const object = replicaSet();
    (valueAt(object, 'spec.template.metadata.labels') as Record<string, string>).tier = 'c';
    expect(replicaSetStrategy.validate(object).map(fieldErrorMessage)[0]).toMatch(/^spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`$/);
  });

  it('prints desired, current and ready counts and the selector string', () => {
    const object = replicaSet();
    object.status = { replicas: 2, readyReplicas: 1 };
    const row = replicaSetStrategy.table!.row(object, { now: new Date('2026-11-22T03:00:00Z') });
    expect(row).toEqual(['web-5d4f', 2, 2, 1, '2d3h', 'a,b', 'nginx,redis', 'app=web,pod-template-hash=5d4f,tier in (a,b)']);
  });

  it('exposes status.replicas as a selectable field', () => {
    const object = replicaSet();
    object.status = { replicas: 2 };
    expect(replicaSetStrategy.selectableFields!(object)).toEqual({ 'status.replicas': '2' });
  });
});
