import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from '@drydock/storage';

/** A fresh, empty database on the worker's embedded PostgreSQL. */
export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database (closing any connections still open to it). */
  drop(): Promise<void>;
}

interface WorkerServer {
  workerPid: number;
  postgresPid: number;
  adminUrl: string;
  dir: string;
}

const ROOT = join(tmpdir(), 'drydock-test-postgres');

function stateFile(pid = process.pid): string {
  return join(ROOT, `worker-${pid}.json`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The server this process started for an earlier test file, when it still runs. */
function runningServer(): WorkerServer | undefined {
  if (!existsSync(stateFile())) return undefined;
  const server = JSON.parse(readFileSync(stateFile(), 'utf8')) as WorkerServer;
  return server.workerPid === process.pid && isAlive(server.postgresPid) ? server : undefined;
}

/** Removes the folders of servers whose worker process has gone. */
function sweepStale(): void {
  for (const entry of readdirSync(ROOT)) {
    const match = /^worker-(\d+)\.json$/.exec(entry);
    if (!match || isAlive(Number(match[1]))) continue;
    try {
      const server = JSON.parse(readFileSync(join(ROOT, entry), 'utf8')) as WorkerServer;
      if (isAlive(server.postgresPid)) continue;
      rmSync(server.dir, { recursive: true, force: true });
    } catch {
      // a half-written state file: drop it
    }
    rmSync(join(ROOT, entry), { force: true });
  }
}

/**
 * Stops the server and deletes its folder once `workerPid` exits. Jest gives test files no
 * per-worker teardown, so the server outlives each file (it is reused by the next one) and this
 * watchdog ends it with the worker.
 */
function spawnWatchdog(server: WorkerServer): void {
  const script = [
    'while kill -0 "$1" 2>/dev/null; do sleep 1; done',
    // Only if $2 is still our postmaster: a recycled pid must never receive the signal.
    'grep -q -- "$3" "/proc/$2/cmdline" 2>/dev/null && kill -INT "$2" 2>/dev/null',
    'i=0; while kill -0 "$2" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i+1)); done',
    'rm -rf "$3" "$4"',
  ].join('; ');
  const args = ['-c', script, 'drydock-test-postgres-watchdog', String(server.workerPid), String(server.postgresPid), server.dir, stateFile(server.workerPid)];
  spawn('/bin/sh', args, { detached: true, stdio: 'ignore' }).unref();
}

async function startWorkerServer(): Promise<WorkerServer> {
  mkdirSync(ROOT, { recursive: true, mode: 0o755 });
  sweepStale();
  const dir = mkdtempSync(join(ROOT, `w${process.pid}-`));
  const postgres = await startEmbeddedPostgres({
    dataDir: join(dir, 'data'),
    database: 'postgres',
    durable: false,
    detached: true,
    logFile: join(dir, 'postgres.log'),
  });
  const server = { workerPid: process.pid, postgresPid: postgres.pid, adminUrl: postgres.adminUrl, dir };
  spawnWatchdog(server);
  writeFileSync(stateFile(), JSON.stringify(server));
  return server;
}

let starting: Promise<WorkerServer> | undefined;

/** The worker's server: started by the first test file that asks, reused by the later ones. */
function workerServer(): Promise<WorkerServer> {
  const running = runningServer();
  if (running) return Promise.resolve(running);
  starting ??= startWorkerServer().finally(() => (starting = undefined));
  return starting;
}

function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh database for one test file on this Jest worker's embedded PostgreSQL (started on first
 * use, in a fresh temp folder, with fsync off; about a second). Call in beforeAll and `drop()` in
 * afterAll; the server itself stops when the worker exits.
 */
export async function startTestPostgres(): Promise<TestDatabase> {
  const server = await workerServer();
  const name = `test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(server.adminUrl, name);
  return { url: withDatabase(server.adminUrl, name), name, drop: () => dropDatabase(server.adminUrl, name) };
}

/** Stops this worker's server now (normally left to the watchdog). */
export async function stopTestPostgres(): Promise<void> {
  const server = runningServer();
  if (!server) return;
  process.kill(server.postgresPid, 'SIGINT');
  for (let i = 0; i < 150 && isAlive(server.postgresPid); i++) await new Promise((done) => setTimeout(done, 100));
  rmSync(server.dir, { recursive: true, force: true });
  rmSync(stateFile(), { force: true });
}
