import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isAlive } from './postgres-process';

// The data directory of an embedded PostgreSQL: ownership, initialisation, leftover servers.

export interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user. */
export function runAsUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
  }
}

/** Throws unless the user `runAs` can reach `dir` (search permission on every ancestor). */
export function assertReachable(dir: string, runAs: Required<RunAs>): void {
  for (let current = dir; ; current = dirname(current)) {
    const { mode, uid, gid } = statSync(current);
    const searchable = mode & 0o001 || (uid === runAs.uid && mode & 0o100) || (gid === runAs.gid && mode & 0o010);
    if (!searchable) throw new Error(`the postgres user cannot reach ${dir}: ${current} is not searchable by it (chmod o+x ${current}?)`);
    if (current === dirname(current)) return;
  }
}

/** Creates the data directory; as root, hands it (and its parent, unless shared like /tmp) to postgres. */
export function prepareDataDir(dataDir: string, runAs: RunAs): void {
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true, mode: 0o755 });
  if (!existsSync(dataDir)) mkdirSync(dataDir, { mode: 0o700 });
  if (runAs.uid === undefined || runAs.gid === undefined) return;
  const parentIsShared = (statSync(parent).mode & 0o1002) === 0o1002 || parent === dirname(parent);
  if (!parentIsShared) chownSync(parent, runAs.uid, runAs.gid);
  chownSync(dataDir, runAs.uid, runAs.gid);
  assertReachable(dirname(parent), { uid: runAs.uid, gid: runAs.gid });
}

export function isInitialised(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

export function initialise(binDir: string, dataDir: string, runAs: RunAs, user: string, password: string): void {
  if (readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty and holds no PostgreSQL cluster`);
  const scratch = mkdtempSync(join(tmpdir(), 'drydock-initdb-'));
  const passwordFile = join(scratch, 'password');
  try {
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o644 });
    if (runAs.uid !== undefined) chownSync(scratch, runAs.uid, runAs.gid!);
    const args = [`--pgdata=${dataDir}`, `--username=${user}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync'];
    execFileSync(join(binDir, 'initdb'), args, { ...runAs, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${(error as Error).message}\n${stderr}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The server a previous, abruptly ended run left on `dataDir` (postmaster.pid names a live
 * process), if any. Its pid file's lines are: pid, data directory, start time, port, ...
 */
export function leftoverServer(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid > 0 && port > 0 && isAlive(pid) ? { pid, port } : undefined;
}
