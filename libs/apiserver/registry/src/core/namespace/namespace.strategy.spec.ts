import { fieldErrorMessage, KubeObject } from '@drydock/util';
import { namespaceStrategy as strategy } from './namespace.strategy';

const ctx = { now: new Date('2026-11-22T12:00:00Z') };

function namespace(fields: Record<string, unknown> = {}): KubeObject {
  const object: KubeObject = { metadata: { name: 'team-a' }, ...fields };
  strategy.defaults?.(object);
  strategy.prepareForCreate?.(object, ctx);
  return object;
}

describe('namespaceStrategy', () => {
  it('creates an Active namespace with the kubernetes finalizer and its name label', () => {
    const object = namespace();
    expect(object.status).toEqual({ phase: 'Active' });
    expect(object.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(object.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  });

  it('keeps the finalizers and status on update', () => {
    const old = namespace();
    const next = namespace({ spec: { finalizers: [] } });
    next.status = { phase: 'Terminating' };
    strategy.prepareForUpdate?.(next, old, ctx);
    expect(next.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(next.status).toEqual({ phase: 'Active' });
  });

  it('rejects an unqualified non-standard finalizer', () => {
    const object = namespace({ spec: { finalizers: ['custom'] } });
    expect(strategy.validate(object).map(fieldErrorMessage)).toEqual(['spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified']);
  });

  it('selects by name and phase only', () => {
    expect(strategy.selectableFields?.(namespace())).toEqual({ 'metadata.name': 'team-a', 'status.phase': 'Active' });
  });
});
