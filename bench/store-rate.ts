import { Pool } from 'pg';
import { sql } from '@drydock/storage';

/**
 * The store's raw write rate: `concurrency` connections each sending one-op drydock_write() calls
 * (ConfigMap creates in a scratch logical cluster) as fast as they can for `seconds`, straight to
 * PostgreSQL. With 16 writers the database groups their commits: the reference the API's create
 * rate is compared with (bench:api, bench:scale).
 */
export async function rawWriteRate(url: string, concurrency: number, seconds: number): Promise<number> {
  const pool = new Pool({ connectionString: url, max: concurrency });
  let count = 0;
  const deadline = Date.now() + seconds * 1000;
  const run = `${Date.now().toString(36)}`;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const op = { type: 'create', cluster: 'bench-raw', resource: 'configmaps', namespace: 'raw', name: `c${concurrency}-${run}-${worker}-${i}`, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c-${worker}-${i}`, namespace: 'raw' }, data: { k: 'v' } } };
        await pool.query(sql.write, [JSON.stringify([op])]);
        count++;
      }
    }),
  );
  await pool.end();
  return count / seconds;
}
