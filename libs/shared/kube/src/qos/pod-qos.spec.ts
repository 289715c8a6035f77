import { podQosClass } from './pod-qos';

const container = (requests?: Record<string, string>, limits?: Record<string, string>) => ({ name: 'c', resources: { requests, limits } });

describe('podQosClass (ComputePodQOS)', () => {
  it('is BestEffort without cpu or memory requests and limits', () => {
    expect(podQosClass({ containers: [container()] })).toBe('BestEffort');
    expect(podQosClass({ containers: [container({ 'example.com/gpu': '1' })] })).toBe('BestEffort');
    expect(podQosClass(undefined)).toBe('BestEffort');
  });

  it('is Guaranteed when every container limits cpu and memory and requests equal limits', () => {
    expect(podQosClass({ containers: [container({ cpu: '1', memory: '1Gi' }, { cpu: '1000m', memory: '1024Mi' })] })).toBe('Guaranteed');
    expect(podQosClass({ containers: [container(undefined, { cpu: '1', memory: '1Gi' })] })).toBe('Guaranteed');
  });

  it('is Burstable when a container lacks a limit or a request differs', () => {
    expect(podQosClass({ containers: [container({ cpu: '1' }, { cpu: '1' })] })).toBe('Burstable');
    expect(podQosClass({ containers: [container({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] })).toBe('Burstable');
    expect(podQosClass({ containers: [container(undefined, { cpu: '1', memory: '1Gi' }), container()] })).toBe('Burstable');
  });

  it('counts init containers', () => {
    expect(podQosClass({ containers: [container()], initContainers: [container({ cpu: '100m' })] })).toBe('Burstable');
  });
});
