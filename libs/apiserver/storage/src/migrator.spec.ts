import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from './migrator';

describe('readMigrations', () => {
  it('reads Prisma migration folders in name order with the sha256 of each file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    try {
      for (const [name, text] of [['0002_b', 'SELECT 2;'], ['0001_a', 'SELECT 1;'], ['empty_folder', null]] as const) {
        mkdirSync(join(dir, name));
        if (text) writeFileSync(join(dir, name, 'migration.sql'), text);
      }
      writeFileSync(join(dir, 'migration_lock.toml'), 'provider = "postgresql"');
      const migrations = readMigrations(dir);
      expect(migrations.map((m) => m.name)).toEqual(['0001_a', '0002_b']);
      expect(migrations[0].checksum).toBe(createHash('sha256').update('SELECT 1;').digest('hex'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds the repository migrations by default', () => {
    expect(readMigrations().map((m) => m.name)).toContain('0001_object_store');
    expect(DEFAULT_MIGRATIONS_DIR).toMatch(/prisma\/migrations$/);
  });
});
