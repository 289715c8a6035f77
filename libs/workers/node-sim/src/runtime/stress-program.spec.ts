import { containerProgram } from './container-program';
import { stressArguments, stressLoad } from './stress-program';

describe('stress, the load generator of the requests-and-limits tasks', () => {
  it('is recognised as polinux/stress\'s command and as vish/stress\'s entrypoint, and nothing else', () => {
    expect(stressArguments({ name: 'c', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'] })).toEqual(['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1']);
    expect(stressArguments({ name: 'c', image: 'vish/stress', args: ['-cpus', '2'] })).toEqual(['-cpus', '2']);
    expect(stressArguments({ name: 'c', image: 'busybox', command: ['sh', '-c', 'stress'] })).toBeUndefined();
    expect(stressArguments({ name: 'c', image: 'nginx' })).toBeUndefined();
  });

  it('burns its hogs\' CPU and allocates its workers\' memory', () => {
    expect(stressLoad(['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'])).toEqual({ cpuMilli: 0, memoryBytes: 150 * 1024 * 1024 });
    expect(stressLoad(['--cpu', '2', '--vm', '2', '--vm-bytes', '1G'])).toEqual({ cpuMilli: 2000, memoryBytes: 2 * 1024 ** 3 });
    expect(stressLoad(['-cpus', '2'])).toEqual({ cpuMilli: 2000, memoryBytes: 0 });
    expect(stressLoad(['-mem-total', '950Mi'])).toEqual({ cpuMilli: 0, memoryBytes: 950 * 1024 * 1024 });
  });

  it('runs until stopped, or until --timeout, printing stress\'s lines', () => {
    const forever = containerProgram({ name: 'c', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M'] });
    expect(forever).toEqual({ output: [{ atMs: 0, stream: 'stderr', text: 'stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd' }], handlesSigterm: true });
    const timed = containerProgram({ name: 'c', image: 'polinux/stress', command: ['stress', '--cpu', '1', '--timeout', '30s'] });
    expect(timed.exit).toEqual({ afterMs: 30_000, exitCode: 0 });
    expect(timed.output[1]).toMatchObject({ atMs: 30_000, text: 'stress: info: [1] successful run completed in 30s' });
  });
});
