import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time under `dir` (the dashboard's sources), in ms. */
function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether `.next` holds a production build at least as new as every source file. */
export function buildIsCurrent(appDir: string): boolean {
  const buildId = join(appDir, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const sources = ['src/app', 'src/components', 'src/lib'].map((dir) => join(appDir, dir)).filter(existsSync);
  const configs = ['next.config.mjs', 'postcss.config.mjs', 'tsconfig.json'].map((file) => statSync(join(appDir, file)).mtimeMs);
  return statSync(buildId).mtimeMs >= Math.max(...configs, ...sources.map(newestChange));
}

/**
 * Runs `next build` for the dashboard (seconds to a minute on two cores); throws with its output on
 * failure. When another `next build` of the same directory holds Next's lock (a second dashboard
 * process, a test run), waits for it and uses its build instead of failing.
 */
export function buildDashboard(appDir: string, log: (line: string) => void, timeoutMs = 600_000): void {
  const nextBin = require.resolve('next/dist/bin/next');
  const deadline = Date.now() + timeoutMs;
  log(`building the dashboard (next build ${appDir})`);
  for (;;) {
    const result = spawnSync(process.execPath, [nextBin, 'build', appDir], { encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, maxBuffer: 64 * 1024 * 1024 });
    if (result.status === 0) break;
    const output = `${result.stdout}\n${result.stderr}`;
    if (!/process is already running/.test(output) || Date.now() > deadline) throw new Error(`next build failed:\n${output}`);
    log('another next build of the dashboard is running; waiting for it');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
    if (buildIsCurrent(appDir)) break;
  }
  log('dashboard built');
}
