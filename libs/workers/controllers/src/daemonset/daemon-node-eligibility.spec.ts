import type { Node, PodTemplateSpec } from '../util/workload.types';
import { nodeShouldRunDaemonPod, targetNodeName, withDaemonTolerations, withNodeNameAffinity } from './daemon-node-eligibility';

const node = (name: string, extra: Partial<Node> = {}): Node => ({ metadata: { name, labels: { 'kubernetes.io/hostname': name, zone: 'a' } }, spec: {}, ...extra });
const template = (spec: Record<string, unknown> = {}): PodTemplateSpec => ({ spec: { containers: [{ name: 'c', image: 'x' }], ...spec } });

describe('nodeShouldRunDaemonPod', () => {
  it('runs on every plain node, and on cordoned or not-ready nodes thanks to the default tolerations', () => {
    expect(nodeShouldRunDaemonPod(node('n1'), template())).toEqual({ shouldRun: true, shouldContinueRunning: true });
    const cordoned = node('n2', { spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } });
    expect(nodeShouldRunDaemonPod(cordoned, template()).shouldRun).toBe(true);
    const unreachable = node('n3', { spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] } });
    expect(nodeShouldRunDaemonPod(unreachable, template()).shouldRun).toBe(true);
  });

  it('honours nodeSelector and required node affinity (labels and metadata.name fields)', () => {
    expect(nodeShouldRunDaemonPod(node('n1'), template({ nodeSelector: { zone: 'b' } })).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(node('n1'), template({ nodeSelector: { zone: 'a' } })).shouldRun).toBe(true);
    const affinity = (key: string, values: string[], fields = false) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ [fields ? 'matchFields' : 'matchExpressions']: [{ key, operator: 'In', values }] }] } } });
    expect(nodeShouldRunDaemonPod(node('n1'), template({ affinity: affinity('zone', ['a', 'c']) })).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('n1'), template({ affinity: affinity('zone', ['c']) }))).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(node('n1'), template({ affinity: affinity('metadata.name', ['n2'], true) })).shouldRun).toBe(false);
  });

  it('keeps a running pod on an untolerated NoSchedule taint but not on an untolerated NoExecute one', () => {
    const noSchedule = node('n1', { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } });
    expect(nodeShouldRunDaemonPod(noSchedule, template())).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(noSchedule, template({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] })).shouldRun).toBe(true);
    const noExecute = node('n1', { spec: { taints: [{ key: 'dedicated', effect: 'NoExecute' }] } });
    expect(nodeShouldRunDaemonPod(noExecute, template())).toEqual({ shouldRun: false, shouldContinueRunning: false });
  });
});

describe('daemon pod shaping', () => {
  it('adds the upstream default tolerations once (network-unavailable only with hostNetwork)', () => {
    const keys = (spec: Record<string, unknown>) => withDaemonTolerations(spec).tolerations!.map((t) => `${t.key}:${t.effect}`);
    expect(keys({})).toEqual([
      'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(keys(withDaemonTolerations({}))).toHaveLength(6);
    expect(keys({ hostNetwork: true })).toContain('node.kubernetes.io/network-unavailable:NoSchedule');
  });

  it('replaces the required node terms with metadata.name In [node] and reads the node back', () => {
    const affinity = withNodeNameAffinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } }, 'n7');
    expect(affinity.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n7'] }] }]);
    expect(targetNodeName({ metadata: {}, spec: { affinity } })).toBe('n7');
    expect(targetNodeName({ metadata: {}, spec: { nodeName: 'n2', affinity } })).toBe('n2');
  });
});
