import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres, startDatabase, startEmbeddedPostgres } from '@drydock/storage';

// Real PostgreSQL: allow for a slow disk (the project's testTimeout is not applied by Jest 30).
jest.setTimeout(60_000);

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL server', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'drydock-server-spec-'));
  chmodSync(scratch, 0o755); // the server may run as the postgres user, which must reach the data dir
  const running: EmbeddedPostgres[] = [];

  afterAll(async () => {
    await Promise.all(running.map((server) => server.stop()));
    rmSync(scratch, { recursive: true, force: true });
  });

  it('initialises an empty data directory, serves PostgreSQL 18 on 127.0.0.1, and keeps data across restarts', async () => {
    const dataDir = join(scratch, 'persistent', 'data');
    // initdb itself, as npm start runs it (the suites' global setup points DRYDOCK_POSTGRES_INITDB_CACHE at a copy).
    const cache = process.env.DRYDOCK_POSTGRES_INITDB_CACHE;
    delete process.env.DRYDOCK_POSTGRES_INITDB_CACHE;
    const first = await startEmbeddedPostgres({ dataDir, database: 'kept' }).finally(() => cache !== undefined && (process.env.DRYDOCK_POSTGRES_INITDB_CACHE = cache));
    running.push(first);
    expect(new URL(first.url).hostname).toBe('127.0.0.1');
    expect(await query(first.url, 'SHOW server_version_num')).toEqual([{ server_version_num: expect.stringMatching(/^18/) }]);
    expect(await query(first.url, `SHOW listen_addresses`)).toEqual([{ listen_addresses: '127.0.0.1' }]);
    await query(first.url, `CREATE TABLE survivor (v text); INSERT INTO survivor VALUES ('still here')`);
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, database: 'kept' });
    running.push(second);
    expect(await query(second.url, 'SELECT v FROM survivor')).toEqual([{ v: 'still here' }]);
    await second.stop();
  });

  it('copies one initdb output from DRYDOCK_POSTGRES_INITDB_CACHE into each new data directory: separate clusters, the same superuser password', async () => {
    const cache = process.env.DRYDOCK_POSTGRES_INITDB_CACHE;
    process.env.DRYDOCK_POSTGRES_INITDB_CACHE = join(scratch, 'initdb-cache');
    try {
      const one = await startEmbeddedPostgres({ dataDir: join(scratch, 'cached-one', 'data'), password: 'first-secret' });
      running.push(one);
      const two = await startEmbeddedPostgres({ dataDir: join(scratch, 'cached-two', 'data'), password: 'first-secret' });
      running.push(two);
      expect(readdirSync(join(scratch, 'initdb-cache')).filter((name) => name.startsWith('initdb-'))).toHaveLength(1);
      await query(one.url, `CREATE TABLE only_in_one (v int)`);
      expect(await query(two.url, `SELECT to_regclass('only_in_one') AS found`)).toEqual([{ found: null }]);
      // Another password is another cache entry: the copied cluster must not accept the first one's.
      const other = await startEmbeddedPostgres({ dataDir: join(scratch, 'cached-three', 'data'), password: 'second-secret' });
      running.push(other);
      expect(readdirSync(join(scratch, 'initdb-cache')).filter((name) => name.startsWith('initdb-'))).toHaveLength(2);
      await expect(query(other.url.replace('second-secret', 'first-secret'), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
      await Promise.all([one.stop(), two.stop(), other.stop()]);
    } finally {
      if (cache === undefined) delete process.env.DRYDOCK_POSTGRES_INITDB_CACHE;
      else process.env.DRYDOCK_POSTGRES_INITDB_CACHE = cache;
    }
  });

  it('takes over a server left running on its data directory by a run that was killed', async () => {
    const dataDir = join(scratch, 'leftover', 'data');
    const leftover = await startEmbeddedPostgres({ dataDir, detached: true, logFile: join(scratch, 'leftover.log') });
    running.push(leftover);
    await query(leftover.url, `CREATE TABLE marker (v int); INSERT INTO marker VALUES (7)`);
    const adopted = await startEmbeddedPostgres({ dataDir });
    expect(adopted.pid).toBe(leftover.pid);
    expect(adopted.port).toBe(leftover.port);
    expect(await query(adopted.url, 'SELECT v FROM marker')).toEqual([{ v: 7 }]);
    await adopted.stop();
    expect(() => process.kill(leftover.pid, 0)).toThrow();
  });

  it('uses the port it is given', async () => {
    const probe = await startEmbeddedPostgres({ dataDir: join(scratch, 'port', 'data') });
    const port = probe.port;
    await probe.stop();
    const server = await startEmbeddedPostgres({ dataDir: join(scratch, 'port', 'data'), port });
    running.push(server);
    expect(server.port).toBe(port);
    expect(await query(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await server.stop();
  });

  it('refuses a data directory that holds other files', async () => {
    const holder = mkdtempSync(join(scratch, 'occupied-'));
    writeFileSync(join(holder, 'unrelated.txt'), 'x');
    await expect(startEmbeddedPostgres({ dataDir: holder })).rejects.toThrow(/not empty/);
  });

  it('startDatabase uses an external DATABASE_URL and starts nothing', async () => {
    const database = await startDatabase({ databaseUrl: 'postgresql://elsewhere:5432/db' });
    expect(database.url).toBe('postgresql://elsewhere:5432/db');
    expect(database.embedded).toBeUndefined();
    await database.stop();
  });
});
