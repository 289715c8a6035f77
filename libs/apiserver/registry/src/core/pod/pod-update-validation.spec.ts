import { fieldErrorMessage } from '@drydock/util';
import { validatePodSpecUpdate } from './pod-update-validation';

const base = { containers: [{ name: 'web', image: 'nginx:1' }], restartPolicy: 'Always' };
const messages = (spec: Record<string, unknown>, old: Record<string, unknown>) => validatePodSpecUpdate(spec, old).map(fieldErrorMessage);

describe('validatePodSpecUpdate', () => {
  it('allows lowering activeDeadlineSeconds but not raising or removing it', () => {
    const old = { ...base, activeDeadlineSeconds: 100 };
    expect(messages({ ...base, activeDeadlineSeconds: 50 }, old)).toEqual([]);
    expect(messages({ ...base, activeDeadlineSeconds: 200 }, old)).toEqual(['spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value']);
    expect(messages(base, old)).toEqual(['spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value']);
  });

  it('allows adding tolerations but not changing existing ones', () => {
    const toleration = { key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 };
    const old = { ...base, tolerations: [toleration] };
    expect(messages({ ...base, tolerations: [{ ...toleration, tolerationSeconds: 30 }, { key: 'b', operator: 'Exists' }] }, old)).toEqual([]);
    expect(messages({ ...base, tolerations: [{ ...toleration, key: 'c' }] }, old)).toEqual(['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);
  });

  it('allows removing scheduling gates but not adding them', () => {
    const old = { ...base, schedulingGates: [{ name: 'a' }, { name: 'b' }] };
    expect(messages({ ...base, schedulingGates: [{ name: 'a' }] }, old)).toEqual([]);
    expect(messages({ ...base, schedulingGates: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }, old)[0]).toMatch(/^spec: Forbidden: pod updates may not change fields other than/);
  });

  it('forbids adding a container', () => {
    const errors = messages({ ...base, containers: [...base.containers, { name: 'b', image: 'x' }] }, base);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('containers');
  });
});
