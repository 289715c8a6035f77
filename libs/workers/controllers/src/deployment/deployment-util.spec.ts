import { deployment, replicaSet } from './deployment-test-fixtures';
import {
  equalIgnoreHash, findNewReplicaSet, isSaturated, maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION, setNewReplicaSetAnnotations,
} from './deployment-util';

describe('maxSurge and maxUnavailable', () => {
  it('rounds surge up and unavailable down (ResolveFenceposts)', () => {
    expect(resolveFenceposts('25%', '25%', 10)).toEqual([3, 2]);
    expect(resolveFenceposts('25%', '25%', 3)).toEqual([1, 0]);
    expect(resolveFenceposts('10%', '10%', 5)).toEqual([1, 0]);
    expect(resolveFenceposts('0%', '10%', 5)).toEqual([0, 1]);
    expect(resolveFenceposts(0, 0, 5)).toEqual([0, 1]);
    expect(resolveFenceposts(2, '50%', 5)).toEqual([2, 2]);
  });

  it('caps unavailable at the replica count and gives Recreate no surge', () => {
    expect(maxUnavailable(deployment(2, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 5 } }))).toBe(2);
    expect(maxUnavailable(deployment(0))).toBe(0);
    expect(maxSurge(deployment(4, { type: 'Recreate' }))).toBe(0);
    expect(maxUnavailable(deployment(4, { type: 'Recreate' }))).toBe(0);
  });
});

describe('newRSNewReplicas', () => {
  it('scales the new RS up to spec.replicas + maxSurge pods in total', () => {
    const d = deployment(10);
    const old = replicaSet('old', 10, 10, 0);
    const fresh = replicaSet('new', 0, 0, 1);
    expect(newRSNewReplicas(d, [old, fresh], fresh)).toBe(3);
  });

  it('does not scale up while the surge budget is used', () => {
    const d = deployment(10);
    expect(newRSNewReplicas(d, [replicaSet('old', 10, 10, 0), replicaSet('new', 3, 0, 1)], replicaSet('new', 3, 0, 1))).toBe(3);
  });

  it('never passes spec.replicas and takes spec.replicas under Recreate', () => {
    const d = deployment(4, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 10, maxUnavailable: 0 } });
    expect(newRSNewReplicas(d, [replicaSet('old', 1, 1, 0), replicaSet('new', 2, 2, 1)], replicaSet('new', 2, 2, 1))).toBe(4);
    expect(newRSNewReplicas(deployment(4, { type: 'Recreate' }), [], replicaSet('new', 0, 0, 1))).toBe(4);
  });
});

describe('revision bookkeeping', () => {
  it('stamps a new RS with revision, desired and max replicas, and copies change-cause but not last-applied', () => {
    const d = deployment(10);
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'kubectl set image', 'kubectl.kubernetes.io/last-applied-configuration': '{}', [REVISION_ANNOTATION]: '1' };
    const rs = replicaSet('new', 0, 0, 1);
    expect(setNewReplicaSetAnnotations(d, rs, '2', false)).toBe(true);
    expect(rs.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'kubectl set image',
      [REVISION_ANNOTATION]: '2',
      'deployment.kubernetes.io/desired-replicas': '10',
      'deployment.kubernetes.io/max-replicas': '13',
    });
  });

  it('keeps the old revisions of a reused (rolled back) RS in revision-history', () => {
    const d = deployment(3);
    const rs = replicaSet('old', 0, 0, 0, { [REVISION_ANNOTATION]: '1' });
    setNewReplicaSetAnnotations(d, rs, '4', true);
    expect(rs.metadata.annotations![REVISION_ANNOTATION]).toBe('4');
    expect(rs.metadata.annotations![REVISION_HISTORY_ANNOTATION]).toBe('1');
    setNewReplicaSetAnnotations(d, rs, '6', true);
    expect(rs.metadata.annotations![REVISION_HISTORY_ANNOTATION]).toBe('1,4');
  });

  it('drops the oldest history entries beyond the character limit', () => {
    const rs = replicaSet('old', 0, 0, 0, { [REVISION_ANNOTATION]: '30', [REVISION_HISTORY_ANNOTATION]: '10,20' });
    setNewReplicaSetAnnotations(deployment(3), rs, '40', true, 6);
    expect(rs.metadata.annotations![REVISION_HISTORY_ANNOTATION]).toBe('20,30');
  });

  it('does not lower a revision', () => {
    const rs = replicaSet('new', 0, 0, 0, { [REVISION_ANNOTATION]: '5' });
    expect(setNewReplicaSetAnnotations(deployment(3), rs, '3', true)).toBe(false);
    expect(rs.metadata.annotations![REVISION_ANNOTATION]).toBe('5');
  });
});

describe('finding the new ReplicaSet', () => {
  it('matches templates ignoring the pod-template-hash label (rollback reuses the old RS)', () => {
    const d = deployment(3);
    const matching = replicaSet('abc', 0, 0, 0);
    matching.spec.template = { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } }, spec: { containers: [{ name: 'web', image: 'nginx:1' }] } };
    const other = replicaSet('def', 3, 3, 1);
    expect(equalIgnoreHash(d.spec.template, matching.spec.template)).toBe(true);
    expect(findNewReplicaSet(d, [other, matching])).toBe(matching);
  });

  it('calls a new RS saturated only when fully sized, annotated and available', () => {
    const d = deployment(3);
    expect(isSaturated(d, replicaSet('new', 3, 3, 0, { 'deployment.kubernetes.io/desired-replicas': '3' }))).toBe(true);
    expect(isSaturated(d, replicaSet('new', 3, 2, 0, { 'deployment.kubernetes.io/desired-replicas': '3' }))).toBe(false);
    expect(isSaturated(d, replicaSet('new', 3, 3, 0))).toBe(false);
  });
});
