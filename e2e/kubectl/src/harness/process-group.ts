import * as fs from 'node:fs';
import * as path from 'node:path';

/** Whether any process of the process group led by `pid` is still alive. */
export function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls `condition` every 100 ms; resolves false if it is still false after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** Every `postmaster.pid` under `dir`: PostgreSQL removes it on a clean shutdown. */
export function findPostmasterPidFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findPostmasterPidFiles(full));
    else if (entry.name === 'postmaster.pid') found.push(full);
  }
  return found;
}

/**
 * Stops a PostgreSQL that the launcher started and left running (by the pid in its postmaster.pid),
 * so that a broken shutdown does not leak servers between test files.
 */
export async function killLeftoverPostgres(dataDir: string): Promise<void> {
  for (const pidFile of findPostmasterPidFiles(dataDir)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) continue;
    process.kill(pid, 'SIGINT'); // PostgreSQL's "fast" shutdown
    if (!(await waitFor(() => !isAlive(pid), 10_000))) process.kill(pid, 'SIGKILL');
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Guards against a stale pid file whose pid now belongs to some other process. */
function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}
