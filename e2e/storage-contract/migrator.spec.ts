import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { quietPool } from './support/quiet-pool';
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from '@drydock/storage';
import { startTestPostgres, TestDatabase } from '@drydock/testing';

// Real PostgreSQL: allow for a slow disk (the project's testTimeout is not applied by Jest 30).
jest.setTimeout(60_000);

describe('migrator', () => {
  const databases: TestDatabase[] = [];
  const pools: Pool[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'drydock-migrations-'));

  async function freshPool(): Promise<Pool> {
    const database = await startTestPostgres();
    databases.push(database);
    const pool = quietPool(database.url, 8);
    pools.push(pool);
    return pool;
  }

  function migrationsDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(scratch, 'set-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'migration.sql'), text);
    }
    return dir;
  }

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await Promise.all(databases.map((database) => database.drop()));
    rmSync(scratch, { recursive: true, force: true });
  });

  // The repository's migrations in apply order (0001_object_store, 0002_credentials_and_audit, ...).
  const repository = readMigrations().map((m) => m.name);

  it('applies the repository migrations and records them as Prisma does', async () => {
    const pool = await freshPool();
    expect(repository.slice(0, 2)).toEqual(['0001_object_store', '0002_credentials_and_audit']);
    expect(await migrate(pool)).toEqual({ applied: repository, skipped: [] });
    const rows = (await pool.query('SELECT * FROM "_prisma_migrations" ORDER BY migration_name')).rows;
    const file = readFileSync(join(DEFAULT_MIGRATIONS_DIR, '0001_object_store', 'migration.sql'));
    expect(rows).toHaveLength(repository.length);
    expect(rows[0]).toMatchObject({
      migration_name: '0001_object_store',
      checksum: createHash('sha256').update(file).digest('hex'),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(rows[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0].finished_at).toBeInstanceOf(Date);
    expect(rows[0].started_at).toBeInstanceOf(Date);
    expect((await pool.query('SELECT revision FROM revision_counter')).rows).toEqual([{ revision: '0' }]);
  });

  it('is idempotent: a second run applies nothing', async () => {
    const pool = await freshPool();
    await migrate(pool);
    expect(await migrate(pool)).toEqual({ applied: [], skipped: repository });
    expect((await pool.query('SELECT count(*)::int AS n FROM "_prisma_migrations"')).rows[0].n).toBe(repository.length);
  });

  it('is safe when several processes migrate the same database at once', async () => {
    const pool = await freshPool();
    const others = Array.from({ length: 4 }, () => quietPool(databases.at(-1)!.url));
    pools.push(...others);
    const results = await Promise.all([pool, ...others].map((p) => migrate(p)));
    expect(results.flatMap((r) => r.applied)).toEqual(repository);
    expect((await pool.query('SELECT count(*)::int AS n FROM "_prisma_migrations"')).rows[0].n).toBe(repository.length);
  });

  it('applies migrations in name order, each in its own transaction', async () => {
    const pool = await freshPool();
    const dir = migrationsDir({ '0002_second': 'ALTER TABLE t ADD COLUMN b int;', '0001_first': 'CREATE TABLE t (a int);' });
    expect(readMigrations(dir).map((m) => m.name)).toEqual(['0001_first', '0002_second']);
    expect((await migrate(pool, readMigrations(dir))).applied).toEqual(['0001_first', '0002_second']);
    await pool.query('INSERT INTO t (a, b) VALUES (1, 2)');
  });

  it('a failing migration is rolled back entirely, recorded nowhere, and stops the run', async () => {
    const pool = await freshPool();
    const dir = migrationsDir({ '0001_ok': 'CREATE TABLE ok (a int);', '0002_bad': 'CREATE TABLE half (a int); SELECT 1/0;', '0003_later': 'CREATE TABLE later (a int);' });
    await expect(migrate(pool, readMigrations(dir))).rejects.toThrow(/0002_bad failed: division by zero/);
    const tables = (await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_name IN ('ok', 'half', 'later')`)).rows.map((r) => r.table_name);
    expect(tables).toEqual(['ok']);
    expect((await pool.query('SELECT migration_name FROM "_prisma_migrations"')).rows).toEqual([{ migration_name: '0001_ok' }]);
  });

  it('refuses to run when an applied migration has been edited since', async () => {
    const pool = await freshPool();
    const dir = migrationsDir({ '0001_first': 'CREATE TABLE t (a int);' });
    await migrate(pool, readMigrations(dir));
    writeFileSync(join(dir, '0001_first', 'migration.sql'), 'CREATE TABLE t (a bigint);');
    await expect(migrate(pool, readMigrations(dir))).rejects.toThrow(/0001_first was modified after it was applied/);
  });

  it('refuses to run past a migration recorded as started but never finished (as prisma migrate deploy does)', async () => {
    const pool = await freshPool();
    const dir = migrationsDir({ '0001_first': 'CREATE TABLE t (a int);' });
    const [migration] = readMigrations(dir);
    await migrate(pool, []); // creates the bookkeeping table only
    await pool.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('00000000-0000-0000-0000-000000000001', $1, '0001_first')`, [migration.checksum]);
    await expect(migrate(pool, [migration])).rejects.toThrow(/0001_first started but did not finish/);
  });
});
