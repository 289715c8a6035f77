import type { KubeObject } from '@drydock/util';
import { clusterSummary } from './summary.presenter';

const now = new Date('2026-01-01T12:00:00Z');
const node = (name: string, ready: string, unschedulable = false): KubeObject => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name },
  spec: { unschedulable },
  status: { conditions: [{ type: 'Ready', status: ready, message: ready === 'True' ? 'ok' : 'Kubelet stopped posting node status.', lastTransitionTime: '2026-01-01T11:00:00Z' }], capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '3800m', memory: '7Gi', pods: '110' } },
});
const pod = (name: string, phase: string, nodeName?: string, waiting?: string, created = '2026-01-01T11:59:00Z'): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'app', creationTimestamp: created },
  spec: { nodeName, containers: [{ name: 'c', resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1' } } }] },
  status: { phase, containerStatuses: waiting ? [{ name: 'c', state: { waiting: { reason: waiting, message: `${waiting} happened` } } }] : [{ name: 'c', ready: true, state: { running: {} } }] },
});
const event = (type: string, lastTimestamp: string): KubeObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: `e-${lastTimestamp}`, namespace: 'app', uid: lastTimestamp }, type, reason: 'BackOff', message: 'Back-off', lastTimestamp, involvedObject: { kind: 'Pod', name: 'crashy', namespace: 'app' } } as KubeObject);

describe('the cluster summary', () => {
  const summary = clusterSummary({
    nodes: [node('a', 'True'), node('b', 'Unknown'), node('c', 'True', true)],
    pods: [pod('ok', 'Running', 'a'), pod('crashy', 'Running', 'a', 'CrashLoopBackOff'), pod('waiting', 'Pending', undefined, undefined, '2026-01-01T10:00:00Z'), pod('done', 'Succeeded', 'a')],
    namespaces: 5,
    events: [event('Warning', '2026-01-01T11:30:00Z'), event('Warning', '2026-01-01T10:00:00Z'), event('Normal', '2026-01-01T11:59:00Z')],
    now,
  });

  it('counts nodes by condition and pods by phase, failing pods apart', () => {
    expect(summary.nodes).toEqual({ total: 3, ready: 2, notReady: 1, unschedulable: 1 });
    expect(summary.pods).toEqual({ total: 4, pending: 1, running: 2, succeeded: 1, failed: 0, unknown: 0, failing: 1 });
    expect(summary.namespaces).toBe(5);
  });

  it("sums requests and limits of the bound, non-terminal pods against the nodes' allocatable", () => {
    expect(summary.cpu).toEqual({ requested: 1, limits: 2, allocatable: 11.4, capacity: 12 });
    expect(summary.memory.requested).toBe(2 * 2 ** 30);
  });

  it('puts problems most severe first: NotReady nodes, failing pods, Pending pods (even older ones), then warnings of the last hour', () => {
    expect(summary.problems.map((p) => [p.severity, p.kind, p.name, p.reason])).toEqual([
      ['critical', 'Node', 'b', 'NotReady'],
      ['error', 'Pod', 'crashy', 'CrashLoopBackOff'],
      ['warning', 'Pod', 'waiting', 'Pending'],
      ['warning', 'Pod', 'crashy', 'BackOff'],
    ]);
    expect(summary.problems[1].message).toBe('CrashLoopBackOff happened');
    expect(summary.warningEvents).toBe(1);
  });
});
