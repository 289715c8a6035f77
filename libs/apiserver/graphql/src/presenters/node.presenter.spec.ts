import type { KubeObject } from '@drydock/util';
import { nodePoweredOff, nodeRoles, nodeStatusColumn } from './node.presenter';

const node = (ready: string | undefined, unschedulable = false, labels: Record<string, string> = {}, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n', labels, annotations },
  spec: unschedulable ? { unschedulable: true } : {},
  status: { conditions: ready === undefined ? [{ type: 'MemoryPressure', status: 'False' }] : [{ type: 'Ready', status: ready }] },
});

describe("a node's STATUS column, as kubectl prints it", () => {
  it('is Ready, NotReady for False and Unknown, Unknown without a Ready condition', () => {
    expect(nodeStatusColumn(node('True'))).toBe('Ready');
    expect(nodeStatusColumn(node('False'))).toBe('NotReady');
    expect(nodeStatusColumn(node('Unknown'))).toBe('NotReady');
    expect(nodeStatusColumn(node(undefined))).toBe('Unknown');
  });

  it('adds SchedulingDisabled when cordoned', () => {
    expect(nodeStatusColumn(node('True', true))).toBe('Ready,SchedulingDisabled');
    expect(nodeStatusColumn(node('Unknown', true))).toBe('NotReady,SchedulingDisabled');
  });

  it('reads roles from node-role labels and power from the simulator annotation', () => {
    expect(nodeRoles(node('True', false, { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/': 'x' }))).toEqual(['control-plane', 'worker']);
    expect(nodePoweredOff(node('True', false, {}, { 'sim.drydock.dev/power': 'off' }))).toBe(true);
    expect(nodePoweredOff(node('True', false, {}, { 'sim.drydock.dev/power': 'on' }))).toBe(false);
  });
});
