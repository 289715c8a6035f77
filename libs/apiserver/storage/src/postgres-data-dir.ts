import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

const INITDB_FLAGS = ['--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync'];

/**
 * Initialises an empty `dataDir` with initdb. With DRYDOCK_POSTGRES_INITDB_CACHE set (the test suites set
 * it), initdb runs once per PostgreSQL build, superuser and password into that folder, and each new data
 * directory is a copy of its output: the suites start about a hundred servers, and initdb costs each
 * about 1.3 s of CPU where the copy costs 0.2 s.
 */
export function initialise(binDir: string, dataDir: string, runAs: RunAs, user: string, password: string, cacheDir = process.env.DRYDOCK_POSTGRES_INITDB_CACHE): void {
  if (readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty and holds no PostgreSQL cluster`);
  if (!cacheDir) return runInitdb(binDir, dataDir, runAs, user, password);
  const key = [binDir, statSync(join(binDir, 'postgres')).mtimeMs, user, password, ...INITDB_FLAGS].join('\0');
  const template = join(cacheDir, `initdb-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`);
  if (!isInitialised(template)) {
    // Built beside its final name and renamed into place, so concurrent Jest workers never copy half of one.
    const partial = `${template}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    prepareDataDir(partial, runAs);
    runInitdb(binDir, partial, runAs, user, password);
    try {
      renameSync(partial, template);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another worker's copy won the race; it is identical
    }
  }
  // cp -a keeps the owner (the postgres user when we run as root) and PostgreSQL's 0600/0700 modes.
  execFileSync('cp', ['-a', `${template}/.`, dataDir], { stdio: 'pipe' });
}

function runInitdb(binDir: string, dataDir: string, runAs: RunAs, user: string, password: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'drydock-initdb-'));
  const passwordFile = join(scratch, 'password');
  try {
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o644 });
    if (runAs.uid !== undefined) chownSync(scratch, runAs.uid, runAs.gid!);
    const args = [`--pgdata=${dataDir}`, `--username=${user}`, `--pwfile=${passwordFile}`, ...INITDB_FLAGS];
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
