import { deployment, replicaSet } from './deployment-test-fixtures';
import { planOldReplicaSetsScaleDown, planProportionalScale } from './deployment-rollout';

const sizes = (steps: { rs: { metadata: { name?: string } }; replicas: number }[]) => steps.map((s) => `${s.rs.metadata.name}=${s.replicas}`);

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

  it('never scales an old RS up when its status still counts more available pods than its spec', () => {
    // Seen in a real rollout: the old RS was already scaled to 1 but its status still said 2 available.
    const d = deployment(4);
    const steps = planOldReplicaSetsScaleDown(d, [replicaSet('old', 1, 2, 0)], replicaSet('new', 4, 3, 1));
    expect(steps.every((step) => step.replicas <= (step.rs.spec.replicas ?? 0))).toBe(true);
    expect(sizes(steps)).toEqual(['old=0']);
  });

  it('does nothing when scaling down would breach maxUnavailable', () => {
    const d = deployment(4, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(planOldReplicaSetsScaleDown(d, [replicaSet('old', 4, 4, 0)], replicaSet('new', 1, 0, 1))).toEqual([]);
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
