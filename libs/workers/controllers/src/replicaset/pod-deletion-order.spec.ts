import type { Pod } from '../util/workload.types';
import { podsToDelete } from './pod-deletion-order';

const pod = (name: string, options: { node?: string; phase?: 'Pending' | 'Running'; ready?: boolean; readySince?: string; restarts?: number; created?: string; cost?: string } = {}): Pod => ({
  metadata: { name, creationTimestamp: options.created ?? '2026-01-01T00:00:00Z', annotations: options.cost ? { 'controller.kubernetes.io/pod-deletion-cost': options.cost } : undefined },
  spec: { nodeName: options.node },
  status: {
    phase: options.phase ?? 'Running',
    conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True', lastTransitionTime: options.readySince ?? '2026-01-01T00:01:00Z' }],
    containerStatuses: [{ restartCount: options.restarts ?? 0 }],
  },
});
const names = (pods: Pod[]) => pods.map((p) => p.metadata.name);

describe('podsToDelete (ActivePodsWithRanks)', () => {
  it('prefers unscheduled, then pending, then not-ready pods', () => {
    const pods = [pod('ready', { node: 'a' }), pod('notready', { node: 'a', ready: false }), pod('pending', { node: 'a', phase: 'Pending', ready: false }), pod('unscheduled', { phase: 'Pending', ready: false })];
    expect(names(podsToDelete(pods, pods, 3))).toEqual(['unscheduled', 'pending', 'notready']);
  });

  it('then lower deletion cost, then doubled-up nodes, then the most recently ready', () => {
    expect(names(podsToDelete([pod('a', { node: 'n1' }), pod('b', { node: 'n1', cost: '-5' })], [], 1))).toEqual(['b']);
    const spread = [pod('alone', { node: 'n1' }), pod('crowded', { node: 'n2' })];
    const related = [...spread, pod('sibling', { node: 'n2' })];
    expect(names(podsToDelete(spread, related, 1))).toEqual(['crowded']);
    expect(names(podsToDelete([pod('old', { node: 'n', readySince: '2026-01-01T00:00:10Z' }), pod('new', { node: 'n', readySince: '2026-01-01T00:05:00Z' })], [], 1))).toEqual(['new']);
  });

  it('then more restarts, then the newest pod', () => {
    expect(names(podsToDelete([pod('calm', { node: 'n' }), pod('crashy', { node: 'n', restarts: 3 })], [], 1))).toEqual(['crashy']);
    expect(names(podsToDelete([pod('older', { node: 'n', created: '2026-01-01T00:00:00Z' }), pod('newer', { node: 'n', created: '2026-01-01T00:09:00Z' })], [], 1))).toEqual(['newer']);
  });
});
