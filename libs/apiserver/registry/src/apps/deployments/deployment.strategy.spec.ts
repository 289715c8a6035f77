import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { deploymentStrategy } from './deployment.strategy';
import { valueAt } from '../../support/object-fields';

function deployment(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-11-22T00:00:00Z' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      ...spec,
    },
  };
}

function defaulted(spec: Record<string, unknown> = {}): KubeObject {
  const object = deployment(spec);
  deploymentStrategy.defaults!(object);
  return object;
}

function messages(object: KubeObject): string[] {
  return deploymentStrategy.validate(object).map(fieldErrorMessage);
}

describe('deployment strategy', () => {
  it('defaults replicas, rolling update, history limit, progress deadline and the pod template', () => {
    const object = defaulted();
    expect(valueAt(object, 'spec.replicas')).toBe(1);
    expect(valueAt(object, 'spec.strategy')).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(valueAt(object, 'spec.revisionHistoryLimit')).toBe(10);
    expect(valueAt(object, 'spec.progressDeadlineSeconds')).toBe(600);
    expect(valueAt(object, 'spec.template.spec.restartPolicy')).toBe('Always');
  });

  it('keeps explicit values, including replicas 0', () => {
    const object = defaulted({ replicas: 0, strategy: { type: 'Recreate' } });
    expect(valueAt(object, 'spec.replicas')).toBe(0);
    expect(valueAt(object, 'spec.strategy')).toEqual({ type: 'Recreate' });
  });

  it('accepts a valid deployment', () => {
    expect(messages(defaulted())).toEqual([]);
  });

  it('reports a selector that does not match the template labels with the upstream message', () => {
    const object = defaulted({ selector: { matchLabels: { app: 'other' } } });
    expect(messages(object)).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`']);
  });

  it('requires a selector', () => {
    const object = defaulted();
    delete (object.spec as Record<string, unknown>).selector;
    expect(messages(object)).toContain('spec.selector: Required value');
  });

  it('rejects negative replicas and both maxSurge and maxUnavailable at 0', () => {
    const object = defaulted({ replicas: -1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } });
    expect(messages(object)).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('forbids rollingUpdate with the Recreate strategy', () => {
    const object = defaulted({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } });
    expect(messages(object)).toEqual(["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]);
  });

  it('makes the selector immutable', () => {
    const old = defaulted();
    const updated = defaulted({ selector: { matchLabels: { app: 'web', tier: 'front' } } });
    expect(deploymentStrategy.validateUpdate!(updated, old).map(fieldErrorMessage)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"front"}}: field is immutable',
    ]);
    expect(deploymentStrategy.validateUpdate!(defaulted(), old)).toEqual([]);
  });

  it('clears status and sets generation 1 on create', () => {
    const object = defaulted();
    object.status = { replicas: 3 };
    deploymentStrategy.prepareForCreate!(object, { now: new Date() });
    expect(object.status).toEqual({});
    expect(object.metadata.generation).toBe(1);
  });

  it('bumps generation only when the spec or annotations change, and keeps the old status', () => {
    const old = defaulted();
    old.metadata.generation = 4;
    old.status = { replicas: 1 };
    const same = defaulted();
    same.metadata.labels = { new: 'label' };
    deploymentStrategy.prepareForUpdate!(same, old, { now: new Date() });
    expect(same.metadata.generation).toBe(4);
    expect(same.status).toEqual({ replicas: 1 });
    const scaled = defaulted({ replicas: 3 });
    deploymentStrategy.prepareForUpdate!(scaled, old, { now: new Date() });
    expect(scaled.metadata.generation).toBe(5);
  });

  it('prints the upstream columns with wide cells', () => {
    const object = defaulted({ replicas: 3 });
    object.status = { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
    const table = deploymentStrategy.table!;
    expect(table.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0], ['Ready', 0], ['Up-to-date', 0], ['Available', 0], ['Age', 0], ['Containers', 1], ['Images', 1], ['Selector', 1],
    ]);
    expect(table.row(object, { now: new Date('2026-11-22T00:05:00Z') })).toEqual(['web', '2/3', 3, 2, '5m', 'nginx', 'nginx:1.27', 'app=web']);
  });
});
