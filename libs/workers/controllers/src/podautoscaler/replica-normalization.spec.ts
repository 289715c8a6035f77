import { behaviorWithDefaults, convertDesiredReplicasWithRules, newAutoscalerMemory, normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors, storeScaleEvent } from './replica-normalization';

const s = 1000;
const args = (nowMs: number, currentReplicas: number, desiredReplicas: number, minReplicas = 1, maxReplicas = 10) => ({ nowMs, currentReplicas, desiredReplicas, minReplicas, maxReplicas });

describe('normalizeDesiredReplicas (no behavior)', () => {
  it('holds the highest recommendation of the last 5 minutes, then follows a lower one once it leaves the window', () => {
    const memory = newAutoscalerMemory();
    expect(normalizeDesiredReplicas(memory, args(0, 5, 5), 300 * s).replicas).toBe(5);
    const held = normalizeDesiredReplicas(memory, args(100 * s, 5, 2), 300 * s);
    expect(held).toEqual({ replicas: 5, conditions: [
      { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' },
      { type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' },
    ] });
    expect(normalizeDesiredReplicas(memory, args(299 * s, 5, 2), 300 * s).replicas).toBe(5);
    expect(normalizeDesiredReplicas(memory, args(301 * s, 5, 2), 300 * s).replicas).toBe(2);
  });

  it('limits to min, max and at most double (or 4) per step, as convertDesiredReplicasWithRules', () => {
    expect(convertDesiredReplicasWithRules(1, 10, 1, 20)).toEqual({ replicas: 4, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' });
    expect(convertDesiredReplicasWithRules(3, 10, 1, 5)).toEqual({ replicas: 5, reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' });
    expect(convertDesiredReplicasWithRules(3, 0, 2, 5)).toEqual({ replicas: 2, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' });
    const limited = normalizeDesiredReplicas(newAutoscalerMemory(), args(0, 1, 10, 1, 20), 300 * s);
    expect(limited.replicas).toBe(4);
    expect(limited.conditions[1]).toMatchObject({ type: 'ScalingLimited', status: 'True', reason: 'ScaleUpLimit' });
  });
});

describe('normalizeDesiredReplicasWithBehaviors', () => {
  it('scales up by the default policies: the larger of 4 pods and 100% per 15 s', () => {
    const behavior = behaviorWithDefaults({}, 300);
    expect(normalizeDesiredReplicasWithBehaviors(newAutoscalerMemory(), args(0, 1, 10, 1, 20), behavior)).toEqual({ replicas: 5, conditions: [
      { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' },
      { type: 'ScalingLimited', status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' },
    ] });
    expect(normalizeDesiredReplicasWithBehaviors(newAutoscalerMemory(), args(0, 8, 20, 1, 20), behavior).replicas).toBe(16);
  });

  it('counts the scale events of the period: one pod per minute down means one pod per minute', () => {
    const behavior = behaviorWithDefaults({ scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } }, 300);
    const memory = newAutoscalerMemory();
    const first = normalizeDesiredReplicasWithBehaviors(memory, args(0, 5, 1), behavior);
    expect(first.replicas).toBe(4);
    expect(first.conditions[1]).toEqual({ type: 'ScalingLimited', status: 'True', reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' });
    storeScaleEvent(memory, behavior, 0, 5, 4);
    expect(normalizeDesiredReplicasWithBehaviors(memory, args(30 * s, 4, 1), behavior).replicas).toBe(4);
    expect(normalizeDesiredReplicasWithBehaviors(memory, args(61 * s, 4, 1), behavior).replicas).toBe(3);
  });

  it('stabilizes within the windows and disables a direction with selectPolicy Disabled', () => {
    const behavior = behaviorWithDefaults({ scaleUp: { stabilizationWindowSeconds: 60 } }, 300);
    const memory = newAutoscalerMemory();
    normalizeDesiredReplicasWithBehaviors(memory, args(0, 3, 3), behavior);
    const up = normalizeDesiredReplicasWithBehaviors(memory, args(10 * s, 3, 6), behavior);
    expect(up.replicas).toBe(3);
    expect(up.conditions[0]).toMatchObject({ reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' });
    const disabled = behaviorWithDefaults({ scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 } }, 300);
    expect(normalizeDesiredReplicasWithBehaviors(newAutoscalerMemory(), args(0, 5, 1), disabled).replicas).toBe(5);
  });
});
