import { allocatableOf, podNonZeroRequests, podRequests } from './resources';
import { makePod } from './testing';

describe('pod requests', () => {
  it('sums containers, keeps the largest init container and adds overhead', () => {
    const pod = makePod('p', {
      containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }, { name: 'b', resources: { requests: { cpu: '200m', memory: '1Gi' } } }],
      initContainers: [{ name: 'init', resources: { requests: { cpu: '1' } } }],
      overhead: { cpu: '50m' },
    });
    expect(podRequests(pod)).toMatchObject({ milliCPU: 1050, memory: 2 ** 30 });
  });

  it('takes a limit as the request when only the limit is set', () => {
    const pod = makePod('p', { containers: [{ name: 'a', resources: { limits: { cpu: '2' } } }] });
    expect(podRequests(pod).milliCPU).toBe(2000);
  });

  it('uses upstream defaults for scoring containers without requests', () => {
    expect(podNonZeroRequests(makePod('p'))).toEqual({ milliCPU: 100, memory: 200 * 1024 * 1024 });
  });
});

describe('node allocatable', () => {
  it('reads allocatable in milliCPU and whole units, falling back to capacity', () => {
    expect(allocatableOf({ capacity: { cpu: '1500m', memory: '1Gi', pods: '110', 'example.com/gpu': 2 } })).toMatchObject({ milliCPU: 1500, memory: 2 ** 30, allowedPodNumber: 110, scalar: { 'example.com/gpu': 2 } });
  });
});
