import { deployment, replicaSet } from './deployment-test-fixtures';
import { calculateDeploymentStatus, rolloutStatus } from './deployment-status';

const now = new Date('2026-01-01T00:10:00Z');
const realElapsed = (since: number) => now.getTime() - since;

describe('deployment status', () => {
  it('sums RS counts and sets Available as kubectl and kstatus read it', () => {
    const d = deployment(3);
    const status = calculateDeploymentStatus([replicaSet('old', 1, 1, 0), replicaSet('new', 3, 2, 1)], replicaSet('new', 3, 2, 1), d, now);
    expect(status).toMatchObject({ observedGeneration: 1, replicas: 4, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 1 });
    expect(status.conditions).toEqual([expect.objectContaining({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' })]);
  });

  it('reports MinimumReplicasUnavailable below spec.replicas - maxUnavailable', () => {
    const status = calculateDeploymentStatus([replicaSet('new', 4, 1, 1)], replicaSet('new', 4, 1, 1), deployment(4), now);
    expect(status.conditions![0]).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });

  it('marks a finished rollout NewReplicaSetAvailable', () => {
    const d = deployment(3, undefined, { progressDeadlineSeconds: 600 });
    const fresh = replicaSet('web-abc', 3, 3, 1);
    const status = rolloutStatus([fresh], fresh, d, now, realElapsed);
    expect(status.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-abc" has successfully progressed.' });
  });

  it('reports ReplicaSetUpdated while progressing and ProgressDeadlineExceeded once the deadline passed', () => {
    const d = deployment(3, undefined, { progressDeadlineSeconds: 60 });
    const fresh = replicaSet('web-abc', 3, 1, 1);
    const progressing = rolloutStatus([fresh], fresh, d, now, realElapsed);
    expect(progressing.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-abc" is progressing.' });
    d.status = { ...progressing, conditions: progressing.conditions!.map((c) => (c.type === 'Progressing' ? { ...c, lastUpdateTime: '2026-01-01T00:08:00Z' } : c)) };
    const stuck = rolloutStatus([fresh], fresh, d, now, realElapsed);
    expect(stuck.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-abc" has timed out progressing.' });
  });

  it('drops Progressing when there is no deadline', () => {
    const d = deployment(1, undefined, { progressDeadlineSeconds: 2147483647 });
    d.status = { conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] };
    const fresh = replicaSet('web-abc', 1, 1, 1);
    expect(rolloutStatus([fresh], fresh, d, now, realElapsed).conditions!.map((c) => c.type)).toEqual(['Available']);
  });
});
