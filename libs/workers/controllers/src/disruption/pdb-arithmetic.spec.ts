import type { Pod, PodDisruptionBudget } from '../util/workload.types';
import { countHealthyPods, disruptionAllowedCondition, disruptionsAllowed, expectedPodCount } from './pdb-arithmetic';

const pdb = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({ metadata: { name: 'p', generation: 1 }, spec });
const pod = (name: string, ready: boolean, deleting = false): Pod => ({
  metadata: { name, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

describe('PodDisruptionBudget arithmetic', () => {
  it('minAvailable as an integer counts the selected pods', () => {
    expect(expectedPodCount(pdb({ minAvailable: 2 }), 3, 10)).toEqual({ expectedCount: 3, desiredHealthy: 2 });
  });

  it('minAvailable as a percentage rounds up over the controllers’ scale', () => {
    expect(expectedPodCount(pdb({ minAvailable: '50%' }), 3, 5)).toEqual({ expectedCount: 5, desiredHealthy: 3 });
  });

  it('maxUnavailable (integer or percentage, rounded up) subtracts from the scale, never below 0', () => {
    expect(expectedPodCount(pdb({ maxUnavailable: 1 }), 3, 4)).toEqual({ expectedCount: 4, desiredHealthy: 3 });
    expect(expectedPodCount(pdb({ maxUnavailable: '30%' }), 3, 4)).toEqual({ expectedCount: 4, desiredHealthy: 2 });
    expect(expectedPodCount(pdb({ maxUnavailable: 9 }), 3, 4)).toEqual({ expectedCount: 4, desiredHealthy: 0 });
  });

  it('counts ready pods that are neither being deleted nor already disrupted', () => {
    const pods = [pod('a', true), pod('b', true), pod('c', false), pod('d', true, true), pod('e', true)];
    expect(countHealthyPods(pods, { e: '2026-01-01T00:00:00Z' })).toBe(2);
  });

  it('allows currentHealthy - desiredHealthy disruptions, none without expected pods', () => {
    expect(disruptionsAllowed(3, 2, 3)).toBe(1);
    expect(disruptionsAllowed(2, 2, 3)).toBe(0);
    expect(disruptionsAllowed(1, 2, 3)).toBe(0);
    expect(disruptionsAllowed(3, 0, 0)).toBe(0);
  });

  it('sets DisruptionAllowed with upstream reasons and keeps lastTransitionTime while the status holds', () => {
    const first = disruptionAllowedCondition(undefined, 1, 1, new Date('2026-01-01T00:00:00Z'));
    expect(first).toEqual([{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: '2026-01-01T00:00:00Z' }]);
    expect(disruptionAllowedCondition(first, 2, 1, new Date('2026-01-01T00:05:00Z'))[0].lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    expect(disruptionAllowedCondition(first, 0, 1, new Date('2026-01-01T00:05:00Z'))[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods', lastTransitionTime: '2026-01-01T00:05:00Z' });
  });
});
