import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { daemonSetStrategy } from './daemonset.strategy';

const ctx = { now: new Date('2026-11-22T00:01:00Z') };

function daemonSet(image = 'fluentd:1'): KubeObject {
  const object: KubeObject = {
    metadata: { name: 'logs', namespace: 'kube-system', creationTimestamp: '2026-11-22T00:00:00Z' },
    spec: {
      selector: { matchLabels: { app: 'logs' } },
      template: { metadata: { labels: { app: 'logs' } }, spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'fluentd', image }] } },
    },
  };
  daemonSetStrategy.defaults!(object);
  return object;
}

describe('daemonset strategy', () => {
  it('defaults a rolling update of one unavailable pod and validates', () => {
    expect((daemonSet().spec as Record<string, unknown>).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(daemonSetStrategy.validate(daemonSet())).toEqual([]);
  });

  it('rejects both maxSurge and maxUnavailable set', () => {
    const object = daemonSet();
    (object.spec as Record<string, unknown>).updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } };
    expect(daemonSetStrategy.validate(object).map(fieldErrorMessage)).toEqual(['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero']);
  });

  it('tracks the template generation in the deprecated annotation', () => {
    const old = daemonSet();
    daemonSetStrategy.prepareForCreate!(old, ctx);
    expect(old.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(old.status).toEqual({ currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    const updated = daemonSet('fluentd:2');
    daemonSetStrategy.prepareForUpdate!(updated, old, ctx);
    expect(updated.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '2' });
    expect(updated.metadata.generation).toBe(2);
  });

  it('prints scheduling counts, the node selector and the selector', () => {
    const object = daemonSet();
    object.status = { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 };
    expect(daemonSetStrategy.table!.row(object, ctx)).toEqual(['logs', 3, 3, 2, 3, 2, 'kubernetes.io/os=linux', '60s', 'fluentd', 'fluentd:1', 'app=logs']);
  });
});
