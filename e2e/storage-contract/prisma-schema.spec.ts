import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import { migrate } from '@drydock/storage';
import { startTestPostgres, TestDatabase } from '@drydock/testing';
import { quietPool } from './support/quiet-pool';

jest.setTimeout(120_000);

const repoRoot = join(__dirname, '../..');

/**
 * What Prisma's schema language describes of a database, read from the catalog: tables and columns
 * (type, nullability, default), primary, unique and foreign keys, indexes, enums and sequences.
 * Left out, because schema.prisma cannot say them and 0001 writes them by hand: column collations,
 * CHECK constraints, functions and rows. `_prisma_migrations` is the migrator's own.
 */
async function catalog(pool: Pool): Promise<Record<string, string[]>> {
  const rows = async (text: string) => (await pool.query(text)).rows.map((row) => Object.values(row).join(' | ')).sort();
  return {
    columns: await rows(`SELECT table_name, column_name, udt_name, is_nullable, coalesce(column_default, ''), coalesce(datetime_precision::text, '')
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
    constraints: await rows(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f') AND conrelid::regclass::text <> '_prisma_migrations'`),
    indexes: await rows(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
    enums: await rows(`SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid GROUP BY t.typname`),
    sequences: await rows(`SELECT sequence_name, data_type FROM information_schema.sequences WHERE sequence_schema = 'public'`),
  };
}

/** The SQL Prisma's schema engine writes for schema.prisma from an empty database (tools/prisma/schema-sql.mjs). */
async function prismaSchemaSql(databaseUrl: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot, 'tools/prisma/schema-sql.mjs'), join(repoRoot, 'prisma/schema.prisma')], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

describe('prisma/migrations', () => {
  const databases: TestDatabase[] = [];
  const pools: Pool[] = [];

  async function fresh(): Promise<{ url: string; pool: Pool }> {
    const database = await startTestPostgres();
    databases.push(database);
    const pool = quietPool(database.url, 2);
    pools.push(pool);
    return { url: database.url, pool };
  }

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('produce exactly the tables, columns, keys, indexes and enums schema.prisma declares', async () => {
    const migrated = await fresh();
    await migrate(migrated.pool);
    const declared = await fresh();
    const sql = await prismaSchemaSql(declared.url);
    expect(sql).toContain('CREATE TABLE "api_tokens"');
    await declared.pool.query(sql);
    expect(await catalog(migrated.pool)).toEqual(await catalog(declared.pool));
  });
});
