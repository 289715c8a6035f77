import { defaultProfile } from '../plugins/default-profile';
import type { KubeObject } from '@drydock/util';
import { preemptionIneligibility } from './default-preemption';
import { newPodInfo } from './node-info';
import { SchedulingAlgorithm } from './schedule-pod';
import { snapshotOf } from './snapshot';
import { makeNode, makePod, nodeInfoOf } from './testing';

const pod = (name: string, cpu: string, priority: number, labels: Record<string, string> = {}) => makePod(name, { cpu, priority }, labels);
const budget = (allowed: number, labels: Record<string, string>): KubeObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb', namespace: 'default' }, spec: { selector: { matchLabels: labels } }, status: { disruptionsAllowed: allowed } });

function preempt(nodes: ReturnType<typeof nodeInfoOf>[], incoming: ReturnType<typeof makePod>, pdbs: KubeObject[] = []) {
  const algorithm = new SchedulingAlgorithm(defaultProfile());
  const snapshot = snapshotOf(nodes);
  const outcome = algorithm.schedule(newPodInfo(incoming), snapshot);
  if (outcome.kind !== 'unschedulable') throw new Error('expected the pod not to fit');
  const candidate = algorithm.preemption(newPodInfo(incoming), snapshot, outcome.diagnosis, pdbs);
  return candidate && { node: candidate.nodeName, victims: candidate.victims.map((p) => p.metadata.name), violations: candidate.numPDBViolations };
}

describe('DefaultPreemption (victims chosen as upstream\'s dry run)', () => {
  it('evicts only as many lower-priority pods as the pod needs, least important first, and leaves the nodes as they were', () => {
    const node = nodeInfoOf(makeNode('a', { cpu: '4' }), [pod('low-1', '1', 10), pod('low-2', '1', 20), pod('mid', '1', 50), pod('high', '1', 1000)]);
    const before = node.requested.milliCPU;
    expect(preempt([node], pod('p', '2', 100))).toEqual({ node: 'a', victims: ['low-2', 'low-1'], violations: 0 });
    expect(preempt([node], pod('p', '1', 100))).toEqual({ node: 'a', victims: ['low-1'], violations: 0 });
    expect(node.requested.milliCPU).toBe(before);
    expect(node.pods.size).toBe(4);
  });

  it('finds no victims among pods of equal or higher priority', () => {
    const node = nodeInfoOf(makeNode('a', { cpu: '2' }), [pod('same', '1', 100), pod('higher', '1', 200)]);
    expect(preempt([node], pod('p', '1', 100))).toBeUndefined();
  });

  it('prefers the node whose victims have the lowest highest priority, then the fewest victims', () => {
    const a = nodeInfoOf(makeNode('a', { cpu: '2' }), [pod('a-50', '2', 50)]);
    const b = nodeInfoOf(makeNode('b', { cpu: '2' }), [pod('b-10', '1', 10), pod('b-20', '1', 20)]);
    expect(preempt([a, b], pod('p', '2', 100))).toMatchObject({ node: 'b', victims: ['b-20', 'b-10'] });
    const c = nodeInfoOf(makeNode('c', { cpu: '2' }), [pod('c-10', '2', 10)]);
    expect(preempt([b, c], pod('p', '2', 100))).toMatchObject({ node: 'c', victims: ['c-10'] });
  });

  it('spares pods a PodDisruptionBudget protects when other victims suffice, and counts a violation when none do', () => {
    const node = nodeInfoOf(makeNode('a', { cpu: '2' }), [pod('guarded', '1', 10, { app: 'db' }), pod('free', '1', 10, { app: 'web' })]);
    expect(preempt([node], pod('p', '1', 100), [budget(0, { app: 'db' })])).toEqual({ node: 'a', victims: ['free'], violations: 0 });
    expect(preempt([node], pod('p', '2', 100), [budget(0, { app: 'db' })])).toEqual({ node: 'a', victims: ['guarded', 'free'], violations: 1 });
  });

  it('is not eligible with preemptionPolicy Never or while a victim still terminates on the nominated node', () => {
    expect(preemptionIneligibility(makePod('p', { preemptionPolicy: 'Never' }), undefined)).toBe('not eligible due to preemptionPolicy=Never.');
    const terminating = { ...pod('low', '1', 1), metadata: { ...pod('low', '1', 1).metadata, deletionTimestamp: '2026-12-07T00:00:00Z' } };
    expect(preemptionIneligibility(pod('p', '1', 100), nodeInfoOf(makeNode('a'), [terminating]))).toBe('not eligible due to a terminating pod on the nominated node.');
    expect(preemptionIneligibility(pod('p', '1', 100), nodeInfoOf(makeNode('a'), [pod('low', '1', 1)]))).toBeUndefined();
  });
});
