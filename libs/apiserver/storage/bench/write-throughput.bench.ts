/**
 * Single-object write throughput of PostgresObjectStore on a durable embedded PostgreSQL
 * (fsync and synchronous_commit on): serial callers vs concurrent callers, with and without group
 * commit. A serial plain INSERT is measured first as the disk's baseline (fsync latency varies a
 * lot on shared machines). DURABLE=0 turns fsync and synchronous_commit off, to see the CPU cost.
 * Run: node -r ./tools/register-typescript.js libs/apiserver/storage/bench/write-throughput.bench.ts
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { openStore, PostgresObjectStore, startEmbeddedPostgres } from '../src';

const SERIAL_WRITES = Number(process.env.SERIAL_WRITES ?? 2000);
const CONCURRENT_WRITES = Number(process.env.CONCURRENT_WRITES ?? 8000);

let sequence = 0;
function writeOne(store: PostgresObjectStore, resource: string) {
  const name = `object-${++sequence}`;
  const key = { cluster: 'default', resource, namespace: 'bench', name };
  return store.create(key, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'bench' }, data: { payload: 'x'.repeat(300) } });
}

async function run(label: string, store: PostgresObjectStore, callers: number, total: number): Promise<void> {
  const resource = `bench-${label.replace(/\W+/g, '-')}`;
  const before = { ...store.writeStats };
  const perCaller = Math.ceil(total / callers);
  const started = performance.now();
  await Promise.all(Array.from({ length: callers }, async () => {
    for (let i = 0; i < perCaller; i++) await writeOne(store, resource);
  }));
  const seconds = (performance.now() - started) / 1000;
  const writes = perCaller * callers;
  const batches = store.writeStats.batches - before.batches;
  console.log(`${label.padEnd(48)} ${String(Math.round(writes / seconds)).padStart(6)} writes/s  (${writes} writes, ${batches} batches, ${(writes / batches).toFixed(1)} per batch)`);
}

/** The same number of serial single-row INSERTs on a scratch table: what the disk allows right now. */
async function baseline(pool: Pool, total: number): Promise<void> {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_baseline (id serial PRIMARY KEY, body jsonb)');
  const started = performance.now();
  for (let i = 0; i < total; i++) await pool.query('INSERT INTO bench_baseline (body) VALUES ($1)', [JSON.stringify({ payload: 'x'.repeat(300) })]);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${'baseline: serial plain INSERT, 1 caller'.padEnd(48)} ${String(Math.round(total / seconds)).padStart(6)} writes/s`);
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'drydock-bench-'));
  chmodSync(scratch, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(scratch, 'data'), durable: process.env.DURABLE !== '0' });
  const opened = await openStore(server.url, { pool: { max: 20 }, compactor: false });
  const ungrouped = new PostgresObjectStore(opened.pool, { maxBatch: 1, maxInFlight: 16 });
  const twoInFlight = new PostgresObjectStore(opened.pool, { maxInFlight: 2 });
  try {
    await run('warm-up', opened.store, 4, 500);
    await baseline(opened.pool, SERIAL_WRITES);
    await run('serial (1 caller), group commit', opened.store, 1, SERIAL_WRITES);
    await run('16 concurrent callers, group commit', opened.store, 16, CONCURRENT_WRITES);
    await run('64 concurrent callers, group commit', opened.store, 64, CONCURRENT_WRITES);
    await run('16 concurrent callers, group commit, 2 in flight', twoInFlight, 16, CONCURRENT_WRITES);
    await run('16 concurrent callers, one write per transaction', ungrouped, 16, CONCURRENT_WRITES);
    console.log(`watch hub applied up to revision ${opened.hub.revision}`);
  } finally {
    await opened.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
