import type { KubeObject } from '@drydock/util';
import { admitPod } from './pod-admission';

const pod = (cpu?: string, memory?: string): KubeObject => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } } }] } });
const allocatable = { cpu: '4', memory: '16Gi', pods: '3' };

describe('kubelet pod admission', () => {
  it('admits pods that fit', () => {
    expect(admitPod(pod('1', '1Gi'), [pod('2'), pod('500m')], allocatable)).toBeUndefined();
    expect(admitPod(pod(), [], allocatable)).toBeUndefined();
  });

  it('rejects a pod asking more CPU than is left, in upstream\'s words and units', () => {
    expect(admitPod(pod('8'), [pod('500m')], allocatable)).toEqual({ reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu, requested: 8000, used: 500, capacity: 4000" });
    expect(admitPod(pod(undefined, '20Gi'), [], allocatable)?.reason).toBe('OutOfmemory');
  });

  it('rejects a pod beyond the node\'s pod capacity', () => {
    expect(admitPod(pod(), [pod(), pod(), pod()], allocatable)).toEqual({ reason: 'OutOfpods', message: "Node didn't have enough resource: pods, requested: 1, used: 3, capacity: 3" });
  });
});
