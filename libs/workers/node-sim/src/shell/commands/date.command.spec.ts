import { Bash } from 'just-bash';
import { createClock } from '@drydock/util';
import { dateCommand, simulatedNow, strftime } from './date.command';

const at = new Date('2026-12-07T06:05:09.250Z');
const run = async (script: string, busybox = false) => {
  const result = await new Bash({ customCommands: [dateCommand(() => at, busybox)] }).exec(script);
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
};

describe('date on the simulated clock', () => {
  it('prints the time as busybox and coreutils do by default, with -u, +%s, -R and -d @SECONDS', async () => {
    expect(await run('date')).toEqual({ code: 0, stdout: 'Mon Dec  7 06:05:09 UTC 2026\n', stderr: '' });
    expect((await run('date -u')).stdout).toBe('Mon Dec  7 06:05:09 UTC 2026\n');
    expect((await run('date +%s')).stdout).toBe('1796623509\n');
    expect((await run('date -R')).stdout).toBe('Mon, 07 Dec 2026 06:05:09 +0000\n');
    expect((await run('date -u -d @0 +%F_%T')).stdout).toBe('1970-01-01_00:00:00\n');
  });

  it('writes -I[SPEC] with coreutils\' +00:00 and busybox\'s +0000 (UTC under -u)', async () => {
    expect((await run('date -Iseconds')).stdout).toBe('2026-12-07T06:05:09+00:00\n');
    expect((await run('date -I')).stdout).toBe('2026-12-07\n');
    expect((await run('date -Iseconds', true)).stdout).toBe('2026-12-07T06:05:09+0000\n');
    // busybox writes %Z instead of %z under -u.
    expect((await run('date -u -Iminutes', true)).stdout).toBe('2026-12-07T06:05UTC\n');
    expect((await run('date -u -R', true)).stdout).toBe('Mon, 07 Dec 2026 06:05:09 UTC\n');
    expect((await run('date -u -Ihours')).stdout).toBe('2026-12-07T06+00:00\n');
    expect(await run('date -Iweeks')).toMatchObject({ code: 1, stderr: "date: invalid argument 'weeks' for '--iso-8601'\n" });
  });

  it('knows the common strftime specifiers', async () => {
    expect((await run("date '+%Y-%m-%d %H:%M:%S %a %A %b %B %e %j %y %I%p %u %w %D %R %Z %z %%'")).stdout).toBe('2026-12-07 06:05:09 Mon Monday Dec December  7 341 26 06AM 1 1 12/07/26 06:05 UTC +0000 %\n');
    expect(strftime('%N', at)).toBe('250000000');
  });

  it('runs on the clock scale: at 10x, one real second is ten simulated ones', async () => {
    const clock = createClock(10);
    const before = simulatedNow(clock).getTime();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // At least 2 simulated seconds went by in 200 real milliseconds (more on a loaded machine).
    expect(simulatedNow(clock).getTime() - before).toBeGreaterThanOrEqual(2000);
    expect(Math.abs(simulatedNow(createClock(1)).getTime() - Date.now())).toBeLessThan(1000);
  });
});
