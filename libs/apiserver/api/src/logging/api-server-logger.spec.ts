import { spawn } from 'node:child_process';
import { join } from 'node:path';

describe('apiServerLogger', () => {
  it('keeps the event loop running while nobody reads stdout, and drops past its bound instead of blocking', async () => {
    const child = spawn(process.execPath, ['-r', join(__dirname, '../../../../../tools/register-typescript.js'), join(__dirname, 'logger-child.fixture.ts')], { stdio: ['ignore', 'pipe', 'pipe'] });
    // stdout is never read: its pipe fills after a few hundred KiB, as a launcher's that falls behind.
    child.stdout.pause();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    const report = /done worstLagMs=(\d+) dropped=(\d+)/.exec(stderr);
    expect({ code, reported: Boolean(report) }).toEqual({ code: 0, reported: true });
    // 32 MiB written to a pipe that takes a few hundred KiB: most of it dropped past the 16 MiB buffer.
    expect(Number(report![2])).toBeGreaterThan(10_000);
    // The timer kept firing: no 100 ms sleeps while the pipe was full (a busy machine may delay it a little).
    expect(Number(report![1])).toBeLessThan(5_000);
  }, 60_000);
});
