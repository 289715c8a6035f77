import type { KubeObject } from '@drydock/util';
import { nodeStrategy as strategy } from './node.strategy';

const ctx = { now: new Date('2026-11-22T12:00:00Z') };

describe('nodeStrategy', () => {
  const node: KubeObject = {
    metadata: { name: 'node-1', creationTimestamp: '2026-11-19T12:00:00Z', labels: { 'node-role.kubernetes.io/control-plane': '' } },
    spec: { unschedulable: true },
    status: {
      conditions: [{ type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }],
      nodeInfo: { kubeletVersion: 'v1.35.0', osImage: 'Drydock', kernelVersion: '6.1', containerRuntimeVersion: 'drydock://1' },
    },
  };

  it('prints status, roles, age, version and wide cells', () => {
    expect(strategy.table?.row(node, ctx)).toEqual(['node-1', 'Ready,SchedulingDisabled', 'control-plane', '3d', 'v1.35.0', '172.18.0.2', '<none>', 'Drydock', '6.1', 'drydock://1']);
  });

  it('shows Unknown without a Ready condition', () => {
    expect(strategy.table?.row({ metadata: { name: 'n' } }, ctx).slice(1, 3)).toEqual(['Unknown', '<none>']);
  });

  it('selects by spec.unschedulable', () => {
    expect(strategy.selectableFields?.(node)).toEqual({ 'metadata.name': 'node-1', 'spec.unschedulable': 'true' });
  });

  it('rejects duplicate taints', () => {
    const tainted: KubeObject = { metadata: { name: 'n' }, spec: { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', effect: 'NoSchedule' }] } };
    expect(strategy.validate(tainted).map((e) => [e.field, e.type, e.detail])).toEqual([['spec.taints[1]', 'FieldValueDuplicate', 'taints must be unique by key and effect pair']]);
  });
});
