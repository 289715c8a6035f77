import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { podStrategy } from './pod.strategy';

const ctx = { now: new Date('2026-11-22T12:00:00Z') };

function created(spec: Record<string, unknown>): KubeObject {
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec };
  podStrategy.defaults?.(pod);
  podStrategy.prepareForCreate?.(pod, ctx);
  return pod;
}

describe('podStrategy', () => {
  it('starts a new pod Pending with its QoS class and generation 1', () => {
    const pod = created({ containers: [{ name: 'web', image: 'nginx' }] });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(pod.metadata.generation).toBe(1);
  });

  it('classifies equal requests and limits as Guaranteed', () => {
    const pod = created({ containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: '1', memory: '1Gi' } } }] });
    expect((pod.status as Record<string, unknown>).qosClass).toBe('Guaranteed');
  });

  it('adds the SchedulingGated condition to a gated pod', () => {
    const pod = created({ schedulingGates: [{ name: 'x' }], containers: [{ name: 'web', image: 'nginx' }] });
    expect((pod.status as { conditions: unknown[] }).conditions[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' });
  });

  it('rejects a pod without containers', () => {
    expect(podStrategy.validate(created({})).map(fieldErrorMessage)).toEqual(['spec.containers: Required value']);
  });

  it('allows changing only the image on update', () => {
    const old = created({ containers: [{ name: 'web', image: 'nginx:1' }] });
    const next = created({ containers: [{ name: 'web', image: 'nginx:2' }] });
    expect(podStrategy.validateUpdate?.(next, old)).toEqual([]);
  });

  it('forbids other spec changes on update with upstream message', () => {
    const old = created({ containers: [{ name: 'web', image: 'nginx' }], nodeName: 'a' });
    const next = created({ containers: [{ name: 'web', image: 'nginx' }], nodeName: 'b' });
    const errors = podStrategy.validateUpdate?.(next, old) ?? [];
    expect(errors).toHaveLength(1);
    expect(fieldErrorMessage(errors[0])).toMatch(/^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,/);
  });

  it('keeps the old status on a spec update and bumps generation', () => {
    const old = created({ containers: [{ name: 'web', image: 'nginx:1' }] });
    old.status = { phase: 'Running' };
    const next = created({ containers: [{ name: 'web', image: 'nginx:2' }] });
    podStrategy.prepareForUpdate?.(next, old, ctx);
    expect(next.status).toEqual({ phase: 'Running' });
    expect(next.metadata.generation).toBe(2);
  });

  it('exposes the upstream field selector fields', () => {
    const pod = created({ containers: [{ name: 'web', image: 'nginx' }], nodeName: 'n1' });
    expect(podStrategy.selectableFields?.(pod)).toMatchObject({ 'spec.nodeName': 'n1', 'status.phase': 'Pending', 'spec.hostNetwork': 'false', 'spec.restartPolicy': 'Always' });
  });
});
