import { deployment, replicaSet } from './deployment-test-fixtures';
import { planOldReplicaSetsScaleDown, planProportionalScale } from './deployment-rollout';

const sizes = (plan: { rs: { metadata: { name?: string } }; replicas: number }[] | { steps: { rs: { metadata: { name?: string } }; replicas: number }[] }) =>
  (Array.isArray(plan) ? plan : plan.steps).map((s) => `${s.rs.metadata.name}=${s.replicas}`);

describe('planOldReplicaSetsScaleDown (rolling.go)', () => {
  it('keeps spec.replicas - maxUnavailable available while the new RS is not ready', () => {
    const d = deployment(10);
    const old = replicaSet('old', 10, 10, 0);
    const fresh = replicaSet('new', 3, 0, 1);
    expect(sizes(planOldReplicaSetsScaleDown(d, [old], fresh))).toEqual(['old=8']);
  });

  it('scales old RSs down as new pods become available', () => {
    const d = deployment(10);
    expect(sizes(planOldReplicaSetsScaleDown(d, [replicaSet('old', 8, 8, 0)], replicaSet('new', 5, 5, 1)))).toEqual(['old=3']);
  });

  it('removes unhealthy old replicas first, oldest RS first', () => {
    const d = deployment(10, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 3 } });
    const older = replicaSet('older', 4, 2, 0);
    const old = replicaSet('old', 6, 6, 1);
    const fresh = replicaSet('new', 0, 0, 2);
    expect(sizes(planOldReplicaSetsScaleDown(d, [old, older], fresh))).toEqual(['older=2', 'older=1']);
  });

  it('scales nothing down while an old RS\'s status still counts more available pods than its spec, and fails the sync as upstream', () => {
    // Seen in a real rollout (4 replicas, 25 %/25 %): the old RS was already scaled to 1 but its status
    // still said 2 available. Summing that stale count, scaleDownOldReplicaSetsForRollingUpdate took the
    // old RS to 0 with 3 new pods available at best; with 2 it fell below minAvailable 3. Upstream's
    // cleanupUnhealthyReplicas returns "got invalid request to scale down" and the sync is retried.
    const d = deployment(4);
    const plan = planOldReplicaSetsScaleDown(d, [replicaSet('old', 1, 2, 0)], replicaSet('new', 4, 3, 1));
    expect(plan.steps).toEqual([]);
    expect(plan.error?.message).toMatch(/got invalid request to scale down .*old 1 -> 2/);
  });

  it('applies the cleanup of older RSs before the one with a stale status stops the plan', () => {
    const d = deployment(4, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 2 } });
    const plan = planOldReplicaSetsScaleDown(d, [replicaSet('old', 1, 2, 1), replicaSet('older', 2, 1, 0)], replicaSet('new', 2, 1, 2));
    expect(sizes(plan)).toEqual(['older=1']);
    expect(plan.error).toBeDefined();
  });

  it('does nothing when scaling down would breach maxUnavailable', () => {
    const d = deployment(4, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(planOldReplicaSetsScaleDown(d, [replicaSet('old', 4, 4, 0)], replicaSet('new', 1, 0, 1))).toEqual({ steps: [] });
  });
});

describe('planProportionalScale (sync.go scale)', () => {
  it('gives the full count to the only active RS', () => {
    const d = deployment(6);
    const plan = planProportionalScale(d, replicaSet('new', 3, 3, 1), [replicaSet('old', 0, 0, 0)]);
    expect(sizes(plan.steps)).toEqual(['new=6']);
    expect(plan.operation).toBe('up');
  });

  it('spreads a scale-up over RSs in proportion and gives the leftover to the largest', () => {
    const d = deployment(20);
    d.status = { replicas: 13 };
    const old = replicaSet('old', 8, 8, 0, { 'deployment.kubernetes.io/max-replicas': '13' });
    const fresh = replicaSet('new', 5, 0, 1, { 'deployment.kubernetes.io/max-replicas': '13' });
    const plan = planProportionalScale(d, fresh, [old]);
    expect(sizes(plan.steps)).toEqual(['old=15', 'new=10']);
  });

  it('zeroes old RSs when the new one is saturated', () => {
    const d = deployment(3);
    const fresh = replicaSet('new', 3, 3, 1, { 'deployment.kubernetes.io/desired-replicas': '3' });
    expect(sizes(planProportionalScale(d, fresh, [replicaSet('old', 1, 1, 0)]).steps)).toEqual(['old=0']);
  });
});
