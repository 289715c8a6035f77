import type { Node, Pod } from '../util/workload.types';
import { evictionDelay, reconcileTaints, TAINT_NOT_READY, TAINT_UNREACHABLE } from './node-taints';
import { unknownConditions } from './node-lifecycle.reconciler';

const now = new Date('2026-01-01T00:00:00Z');
const node = (ready: 'True' | 'False' | 'Unknown', taints: Node['spec'] extends infer S ? S extends { taints?: infer T } ? T : never : never = []): Node => ({
  metadata: { name: 'n1' }, spec: { taints }, status: { conditions: [{ type: 'Ready', status: ready, lastHeartbeatTime: '2025-12-31T23:59:00Z' }] },
});

describe('node taints from the Ready condition', () => {
  it('adds unreachable NoSchedule and NoExecute (with timeAdded) for Ready=Unknown, keeping other taints', () => {
    const taints = reconcileTaints(node('Unknown', [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]), now);
    expect(taints).toEqual([
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: TAINT_UNREACHABLE, effect: 'NoSchedule' },
      { key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' },
    ]);
  });

  it('swaps unreachable for not-ready when Ready=False, and removes both when Ready=True', () => {
    const unreachable = reconcileTaints(node('Unknown'), now)!;
    expect(reconcileTaints(node('False', unreachable), now)!.map((t) => t.key)).toEqual([TAINT_NOT_READY, TAINT_NOT_READY]);
    expect(reconcileTaints(node('True', unreachable), now)).toEqual([]);
    expect(reconcileTaints(node('True'), now)).toBeUndefined();
    expect(reconcileTaints(node('Unknown', unreachable), now)).toBeUndefined();
  });

  it('marks Ready Unknown with the upstream reason and message, keeping the heartbeat', () => {
    expect(unknownConditions(node('True'), now)).toEqual([{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: '2025-12-31T23:59:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }]);
  });
});

describe('NoExecute eviction delay', () => {
  const taints = [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' as const, timeAdded: '2026-01-01T00:00:00Z' }];

  it('defaults to 300 s for a pod without a matching toleration (DefaultTolerationSeconds)', () => {
    expect(evictionDelay({ metadata: { name: 'p' } }, taints)).toEqual({ seconds: 300, sinceMs: Date.parse('2026-01-01T00:00:00Z') });
  });

  it('uses the pod’s tolerationSeconds, forever without one, and now for an untolerated taint', () => {
    const tolerating = (tolerationSeconds?: number): Pod => ({ metadata: { name: 'p' }, spec: { tolerations: [{ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds }] } });
    expect(evictionDelay(tolerating(30), taints).seconds).toBe(30);
    expect(evictionDelay(tolerating(undefined), taints).seconds).toBe(Infinity);
    expect(evictionDelay({ metadata: { name: 'p' } }, [{ key: 'custom', effect: 'NoExecute' }]).seconds).toBe(0);
  });
});

describe('NoSchedule taints by condition and cordon', () => {
  it('taints a cordoned node unschedulable and a node under memory pressure, and lifts them again', () => {
    const cordoned: Node = { metadata: { name: 'n' }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'MemoryPressure', status: 'True' }] } };
    expect(reconcileTaints(cordoned, now)).toEqual([{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    const uncordoned: Node = { metadata: { name: 'n' }, spec: { taints: reconcileTaints(cordoned, now) }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    expect(reconcileTaints(uncordoned, now)).toEqual([]);
  });
});
