import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const dashboardDir = join(repoRoot, 'apps', 'dashboard');

/** The newest modification time under `dir`, in ms. */
function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The same rule as the dashboard process's own check (apps/dashboard/src/server/next-build.ts):
 * `.next/BUILD_ID` at least as new as every page, component, library and config file.
 */
export function dashboardBuildIsCurrent(): boolean {
  const buildId = join(dashboardDir, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const sources = ['src/app', 'src/components', 'src/lib'].map((dir) => join(dashboardDir, dir)).filter(existsSync);
  const configs = ['next.config.mjs', 'postcss.config.mjs', 'tsconfig.json'].map((file) => statSync(join(dashboardDir, file)).mtimeMs);
  return statSync(buildId).mtimeMs >= Math.max(...configs, ...sources.map(newestChange));
}

/**
 * `next build apps/dashboard` when the build is stale; throws with Next's output when it fails. When another
 * `next build` holds Next's own lock (someone else building the same app), waits for it and checks again.
 */
export async function buildDashboardIfStale(log: (line: string) => void = () => undefined, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!dashboardBuildIsCurrent()) {
    log('[dashboard e2e] building the dashboard (next build apps/dashboard)\n');
    const started = Date.now();
    const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build', dashboardDir], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status === 0) {
      log(`[dashboard e2e] dashboard built in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      return;
    }
    const output = `${result.stdout}\n${result.stderr}`;
    if (!/Another next build process is already running/.test(output) || Date.now() > deadline) throw new Error(`next build apps/dashboard failed (exit ${result.status}):\n${output}`);
    log('[dashboard e2e] another next build is running; waiting for it\n');
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

const lockDir = join(tmpdir(), 'drydock-dashboard-e2e-start.lock');

/**
 * Runs `fn` while holding a machine-wide lock (a directory holding the owner's pid), so that only one
 * dashboard of these tests starts at a time: a dashboard process whose build is stale builds it, and two
 * builds must not write apps/dashboard/.next at once. A lock whose owner died is taken over.
 */
export async function withStartLock<T>(fn: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = 0;
      try {
        owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // created but not yet written: wait
      }
      if (owner > 0 && !alive(owner)) rmSync(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another dashboard test held ${lockDir} for ${timeoutMs / 1000} s`);
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
