import { failedSchedulingMessage, fitErrorMessage, NO_NODES_AVAILABLE } from './fit-error';
import { makePod } from './testing';
import type { Rejection } from './types';

const taint: Rejection = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'], plugin: 'TaintToleration' };
const cpuUnresolvable: Rejection = { code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient cpu'], plugin: 'NodeResourcesFit' };
const cpuFull: Rejection = { code: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'], plugin: 'NodeResourcesFit' };

describe('the FailedScheduling message', () => {
  it('counts reasons, sorts them as strings and appends the preemption verdict as upstream', () => {
    const statuses = new Map([['a', cpuUnresolvable], ['b', taint], ['c', taint]]);
    expect(failedSchedulingMessage(makePod('p'), { numAllNodes: 3, statuses })).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('reports nodes that are only full as having no preemption victims', () => {
    const statuses = new Map([['a', cpuFull], ['b', cpuFull], ['c', taint]]);
    expect(failedSchedulingMessage(makePod('p'), { numAllNodes: 3, statuses })).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('says a pod with preemptionPolicy Never is not eligible', () => {
    const message = failedSchedulingMessage(makePod('p', { preemptionPolicy: 'Never' }), { numAllNodes: 1, statuses: new Map([['a', cpuFull]]) });
    expect(message).toBe('0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: not eligible due to preemptionPolicy=Never.');
  });

  it('uses a pre-filter message instead of the histogram', () => {
    expect(fitErrorMessage({ numAllNodes: 2, statuses: new Map([['a', taint]]), preFilterMessage: 'pod has unbound immediate PersistentVolumeClaims' })).toBe(
      '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
    );
  });

  it('has upstream wording when the cluster has no nodes', () => {
    expect(failedSchedulingMessage(makePod('p'), { numAllNodes: 0, statuses: new Map() })).toBe(NO_NODES_AVAILABLE);
  });
});
