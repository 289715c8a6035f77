import { containerUsage, ContainerUsageInput, usageFamily } from './resource-usage.model';

const input = (overrides: Partial<ContainerUsageInput> = {}): ContainerUsageInput => ({
  image: 'nginx:1.27',
  requests: {},
  limits: {},
  uptimeSeconds: 100,
  seed: 7,
  requestRate: 0,
  nodeCpuMilli: 4000,
  ...overrides,
});
const milli = (usage: { cpuNanoCores: number }) => usage.cpuNanoCores / 1e6;

describe('containerUsage', () => {
  it('is the same for the same input, and drifts with time and between containers', () => {
    expect(containerUsage(input())).toEqual(containerUsage(input()));
    expect(containerUsage(input({ uptimeSeconds: 160 }))).not.toEqual(containerUsage(input()));
    expect(containerUsage(input({ seed: 400 }))).not.toEqual(containerUsage(input()));
  });

  it('idles near the image baseline plus a small share of the requests', () => {
    const idle = milli(containerUsage(input({ image: 'registry.k8s.io/hpa-example', requests: { cpuMilli: 200 } })));
    expect(idle).toBeGreaterThan(2);
    expect(idle).toBeLessThan(10);
  });

  it('burns CPU with the requests reaching the pod, throttled at the limit', () => {
    const php = { image: 'registry.k8s.io/hpa-example', requests: { cpuMilli: 200 }, limits: { cpuMilli: 500 } };
    expect(milli(containerUsage(input({ ...php, requestRate: 5 })))).toBeGreaterThan(100);
    expect(milli(containerUsage(input({ ...php, requestRate: 100 })))).toBe(500);
    expect(milli(containerUsage(input({ image: 'nginx', requestRate: 100_000 })))).toBe(4000);
  });

  it('takes the annotations exactly, and keeps memory in whole pages under its limit', () => {
    expect(containerUsage(input({ cpuHintMilli: 250, memoryHintBytes: 64 * 1024 * 1024 }))).toEqual({ cpuNanoCores: 250_000_000, memoryBytes: 64 * 1024 * 1024 });
    const memory = containerUsage(input({ image: 'mysql', limits: { memoryBytes: 100 * 1024 * 1024 } })).memoryBytes;
    expect(memory % 4096).toBe(0);
    expect(memory).toBeLessThanOrEqual(95 * 1024 * 1024);
  });

  it('knows images by name wherever they come from', () => {
    expect(usageFamily('registry.k8s.io/hpa-example:latest')).toBe('hpa-example');
    expect(usageFamily('docker.io/library/nginx:1.27')).toBe('nginx');
  });
});
