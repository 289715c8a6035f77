import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { sql } from './sql';

/** One migration in Prisma's layout: prisma/migrations/<name>/migration.sql. */
export interface Migration {
  name: string;
  sql: string;
  /** sha256 hex of the file, as Prisma records it. */
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  skipped: string[];
}

/** The repository's prisma/migrations folder (this file lives in libs/apiserver/storage/src). */
export const DEFAULT_MIGRATIONS_DIR = resolve(__dirname, '../../../../prisma/migrations');

/** Reads the migrations in name order (Prisma names them so that name order is apply order). */
export function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Applies the migrations not yet recorded in `_prisma_migrations`, each in its own transaction,
 * recording them as `prisma migrate deploy` does. Idempotent. Safe when several processes start at
 * once: they serialize on Prisma's advisory lock and the later ones find nothing to do.
 * Fails, applying nothing further, when an applied migration's file has changed since, or when a
 * migration fails (its transaction is rolled back and no row is recorded).
 */
export async function migrate(pool: Pool, migrations: Migration[] = readMigrations()): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query(sql.migrations.lock);
    try {
      await client.query(sql.migrations.createTable);
      return await applyPending(client, migrations);
    } finally {
      await client.query(sql.migrations.unlock);
    }
  } finally {
    client.release();
  }
}

async function applyPending(client: PoolClient, migrations: Migration[]): Promise<MigrateResult> {
  const rows = (await client.query(sql.migrations.applied)).rows as { migration_name: string; checksum: string; finished_at: Date | null }[];
  const recorded = new Map(rows.map((row) => [row.migration_name, row]));
  const result: MigrateResult = { applied: [], skipped: [] };
  for (const migration of migrations) {
    const row = recorded.get(migration.name);
    if (row && !row.finished_at) {
      throw new Error(`migration ${migration.name} started but did not finish; resolve it before migrating (prisma migrate resolve)`);
    }
    if (row && row.checksum !== migration.checksum) {
      throw new Error(`migration ${migration.name} was modified after it was applied (checksum ${row.checksum}, file ${migration.checksum})`);
    }
    if (row) {
      result.skipped.push(migration.name);
      continue;
    }
    await applyOne(client, migration);
    result.applied.push(migration.name);
  }
  return result;
}

async function applyOne(client: PoolClient, migration: Migration): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(sql.migrations.start, [id, migration.checksum, migration.name]);
    await client.query(migration.sql);
    await client.query(sql.migrations.finish, [id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
  }
}
