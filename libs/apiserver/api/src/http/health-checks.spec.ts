import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDatabaseUnreachable } from '@drydock/storage';
import { HealthCheck, serveHealth } from './health-checks';

describe('/readyz as upstream\'s healthz handlers answer it', () => {
  let server: Server;
  let base: string;
  let databaseDown = false;
  const checks: HealthCheck[] = [
    { name: 'ping', check: async () => undefined },
    { name: 'etcd', check: async () => { if (databaseDown) throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); } },
  ];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      void serveHealth(res, 'readyz', checks, url.pathname.split('/').slice(2).join('/'), url.searchParams);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return [res.status, await res.text()];
  };

  it('answers ok, the verbose list, and one check', async () => {
    databaseDown = false;
    expect(await get('/readyz')).toEqual([200, 'ok']);
    expect(await get('/readyz?verbose')).toEqual([200, '[+]ping ok\n[+]etcd ok\nreadyz check passed\n']);
    expect(await get('/readyz/etcd')).toEqual([200, 'ok']);
    expect(await get('/readyz?exclude=etcd&exclude=nope&verbose')).toEqual([200, '[+]ping ok\n[+]etcd excluded: ok\nwarn: some health checks cannot be excluded: no matches for "nope"\nreadyz check passed\n']);
  });

  it('fails with every line and the reason withheld while the database is unreachable, and gives the reason on the check\'s own path', async () => {
    databaseDown = true;
    expect(await get('/readyz')).toEqual([500, '[+]ping ok\n[-]etcd failed: reason withheld\nreadyz check failed\n']);
    expect(await get('/readyz/etcd')).toEqual([500, 'internal server error: connect ECONNREFUSED 127.0.0.1:5432\n']);
    expect((await get('/readyz?exclude=etcd'))[0]).toBe(200);
  });
});

describe('isDatabaseUnreachable, which turns a lost database into a retryable ServerTimeout', () => {
  it('knows refused, reset and terminated connections and PostgreSQL\'s shutdown codes, and nothing else', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isDatabaseUnreachable(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnreachable(new Error('boom'))).toBe(false);
  });
});
