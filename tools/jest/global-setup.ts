import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Jest globalSetup of every project (runs once, before any test file, in the process the workers are
 * forked from, so what it puts in process.env reaches every test and every process a test starts).
 */
export default function globalSetup(): void {
  // Each embedded PostgreSQL the suites start (about a hundred) copies one initdb output instead of running initdb.
  process.env.DRYDOCK_POSTGRES_INITDB_CACHE ??= join(tmpdir(), 'drydock-test-initdb');
}
