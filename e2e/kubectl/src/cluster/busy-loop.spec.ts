process.env.DRYDOCK_CLOCK_SCALE = '10';

import { cells, expectSuccess, lines } from '../harness/expectations';
import { eventually, nodesReady, runningPods, useClusterDrydock } from './support/cluster';

/** A busy loop in a container's shell costs CPU (issue 12): kubectl top shows it, as metrics-server would. */
describe('a busy loop in a container shows as CPU in kubectl top', () => {
  const drydock = useClusterDrydock();
  const kubectl = (...args: string[]) => drydock().run(['-n', 'busy', ...args]);
  const cpuOf = async (pod: string) => {
    const result = await kubectl('top', 'pod', pod, '--no-headers');
    return result.code === 0 ? Number(/^(\d+)m$/.exec(cells(lines(result.stdout)[0])[1])?.[1] ?? NaN) : undefined;
  };

  beforeAll(async () => {
    await nodesReady(drydock());
    expectSuccess(await drydock().run(['create', 'namespace', 'busy']));
  });

  it('a `while true; do :; done` container uses about a core; a sleeping one next to nothing', async () => {
    expectSuccess(await kubectl('run', 'burner', '--image=busybox', '--', 'sh', '-c', 'while true; do :; done'));
    expectSuccess(await kubectl('run', 'sleeper', '--image=busybox', '--', 'sleep', '3600'));
    await runningPods(drydock(), 'run in (burner,sleeper)', 2, 90_000, 'busy');
    try {
      const burning = await eventually('kubectl top to show the busy loop', async () => {
        const cpu = await cpuOf('burner');
        return cpu !== undefined && cpu >= 500 ? cpu : undefined;
      }, 120_000);
      expect(burning).toBeLessThanOrEqual(1100);
      const sleeping = await eventually('kubectl top to show the sleeper', async () => cpuOf('sleeper'), 60_000);
      expect(sleeping).toBeLessThan(100);
    } finally {
      await kubectl('delete', 'pod', 'burner', '--wait=false');
    }
  }, 300_000);
});
