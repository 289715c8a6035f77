import { defaultProfile } from '../plugins/default-profile';
import { failedSchedulingMessage } from './fit-error';
import { newPodInfo } from './node-info';
import { numFeasibleNodesToFind, SchedulingAlgorithm } from './schedule-pod';
import { snapshotOf } from './snapshot';
import { makeNode, makePod, nodeInfoOf } from './testing';

describe('numFeasibleNodesToFind', () => {
  it('checks every node below 100 and an adaptive share above', () => {
    expect(numFeasibleNodesToFind(50, 0)).toBe(50);
    expect(numFeasibleNodesToFind(1000, 0)).toBe(420);
    expect(numFeasibleNodesToFind(5000, 0)).toBe(500);
    expect(numFeasibleNodesToFind(200, 10)).toBe(100);
    expect(numFeasibleNodesToFind(200, 100)).toBe(200);
  });
});

describe('SchedulingAlgorithm', () => {
  const controlPlane = makeNode('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });

  it('puts the pod on the least allocated feasible node', () => {
    const snapshot = snapshotOf([nodeInfoOf(controlPlane), nodeInfoOf(makeNode('busy'), [makePod('a', { cpu: '3' })]), nodeInfoOf(makeNode('idle'))]);
    const outcome = new SchedulingAlgorithm(defaultProfile()).schedule(newPodInfo(makePod('p', { cpu: '500m' })), snapshot);
    expect(outcome).toMatchObject({ kind: 'scheduled', nodeName: 'idle', feasibleNodes: 2 });
  });

  it('places a pod on the only node with room left', () => {
    const snapshot = snapshotOf([nodeInfoOf(controlPlane), nodeInfoOf(makeNode('w1')), nodeInfoOf(makeNode('w2'), [makePod('x', { cpu: '3' })])]);
    const outcome = new SchedulingAlgorithm(defaultProfile()).schedule(newPodInfo(makePod('big', { cpu: '2' })), snapshot);
    expect(outcome).toMatchObject({ kind: 'scheduled', nodeName: 'w1', feasibleNodes: 1 });
  });

  it('reports all three nodes for an oversized pod', () => {
    const snapshot = snapshotOf([nodeInfoOf(controlPlane), nodeInfoOf(makeNode('w1')), nodeInfoOf(makeNode('w2'))]);
    const pod = makePod('big', { cpu: '64' });
    const outcome = new SchedulingAlgorithm(defaultProfile()).schedule(newPodInfo(pod), snapshot);
    if (outcome.kind !== 'unschedulable') throw new Error('expected unschedulable');
    expect(failedSchedulingMessage(pod, outcome.diagnosis)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('stops filtering once enough feasible nodes are found and rotates the start', () => {
    const snapshot = snapshotOf(Array.from({ length: 1000 }, (_, i) => nodeInfoOf(makeNode(`n${i}`))));
    const algorithm = new SchedulingAlgorithm(defaultProfile());
    const first = algorithm.schedule(newPodInfo(makePod('p')), snapshot);
    expect(first).toMatchObject({ kind: 'scheduled', evaluatedNodes: 420, feasibleNodes: 420 });
    const second = algorithm.schedule(newPodInfo(makePod('q')), snapshot);
    if (second.kind !== 'scheduled') throw new Error('expected scheduled');
    expect(Number(second.nodeName.slice(1))).toBeGreaterThanOrEqual(420);
  });

  it('breaks ties at random among equal nodes', () => {
    const snapshot = snapshotOf([nodeInfoOf(makeNode('a')), nodeInfoOf(makeNode('b'))]);
    const seen = new Set<string>();
    for (const value of [0, 0.99]) {
      const outcome = new SchedulingAlgorithm(defaultProfile(), () => value).schedule(newPodInfo(makePod('p')), snapshot);
      if (outcome.kind === 'scheduled') seen.add(outcome.nodeName);
    }
    expect(seen).toEqual(new Set(['a', 'b']));
  });
});
