import { ProcessUsageSampler } from './process-usage.sampler';

describe('ProcessUsageSampler', () => {
  it('reads this very process: its resident memory, and CPU as a rate between samples', () => {
    const sampler = new ProcessUsageSampler();
    const started = Date.now() - process.uptime() * 1000;
    const first = sampler.sample(process.pid, started);
    expect(first?.memoryBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(first?.cpuNanoCores).toBeGreaterThan(0);
    // Burn 50 ms of CPU (however long that takes on a loaded machine): the next sample is a positive rate.
    const from = process.cpuUsage();
    while (process.cpuUsage(from).user < 50_000) Math.sqrt(Math.random());
    expect(sampler.sample(process.pid, started)!.cpuNanoCores).toBeGreaterThan(0);
  });

  it('has no sample of a process that is gone', () => {
    expect(new ProcessUsageSampler().sample(2 ** 22 + 7, Date.now())).toBeUndefined();
  });
});
