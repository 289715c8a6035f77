import { ApiTokenStore, AuditRow, AuditTableSink, PasswordStore, SignInLinkStore } from '@drydock/api';
import { migrate, prismaOnPool, PrismaClient } from '@drydock/storage';
import { startTestPostgres, TestDatabase } from '@drydock/testing';
import type { Pool } from 'pg';
import { quietPool } from './support/quiet-pool';

jest.setTimeout(60_000);

/** The credential stores and the audit sink over Prisma Client on a real, migrated PostgreSQL. */
describe('credential tables and the audit table (Prisma Client on the store\'s pool)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await startTestPostgres();
    pool = quietPool(database.url, 4);
    await migrate(pool);
    prisma = prismaOnPool(pool);
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  });

  it('API tokens: stored only as SHA-256, unique names per user, last use written in one statement, revoked by name', async () => {
    const tokens = new ApiTokenStore(prisma);
    const issued = (await tokens.issue('alice', 'laptop', null))!;
    expect(await tokens.issue('alice', 'laptop', null)).toBeUndefined();
    expect(await tokens.issue('bob', 'laptop', null)).toBeDefined();
    const stored = JSON.stringify((await pool.query('SELECT * FROM api_tokens')).rows);
    expect(stored).not.toContain(issued.token.slice('drydock_u_'.length));
    const row = (await pool.query(`SELECT id, token_hash FROM api_tokens WHERE user_name = 'alice'`)).rows[0];
    const grant = (await tokens.findByHash(row.token_hash))!;
    expect(grant).toMatchObject({ id: row.id, userName: 'alice', expiresAt: null });
    await tokens.markUsed(new Map([[row.id, new Date('2030-01-01T00:00:00Z')]]));
    await tokens.markUsed(new Map([[row.id, new Date('2029-01-01T00:00:00Z')]]));
    expect((await tokens.list('alice')).map((token) => [token.name, token.lastUsedAt?.toISOString()])).toEqual([['laptop', '2030-01-01T00:00:00.000Z']]);
    expect(await tokens.revoke('alice', 'laptop')).toMatchObject({ name: 'laptop' });
    expect(await tokens.revoke('alice', 'laptop')).toBeUndefined();
    expect(await tokens.findByHash(row.token_hash)).toBeUndefined();
    expect(await tokens.list('bob')).toHaveLength(1);
  });

  it('passwords: argon2id, verified only for the right password and only when set after the user was created', async () => {
    const passwords = new PasswordStore(prisma);
    await passwords.set('alice', 'correct horse battery');
    const hash = (await pool.query(`SELECT hash FROM password_credentials WHERE user_name = 'alice'`)).rows[0].hash as string;
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(hash).not.toContain('correct horse');
    const created = new Date(Date.now() - 60_000);
    expect(await passwords.verify('alice', 'correct horse battery', created)).toBe(true);
    expect(await passwords.verify('alice', 'wrong horse battery', created)).toBe(false);
    expect(await passwords.verify('nobody', 'correct horse battery', created)).toBe(false);
    expect(await passwords.verify('alice', 'correct horse battery', new Date(Date.now() + 60_000))).toBe(false);
  });

  it('sign-in links work once, and a new link replaces the unused one', async () => {
    const links = new SignInLinkStore(prisma);
    const first = await links.issue('carol');
    const second = await links.issue('carol');
    expect(await links.redeem(first.token)).toBeUndefined();
    expect(await links.redeem(second.token)).toMatchObject({ userName: 'carol' });
    expect(await links.redeem(second.token)).toBeUndefined();
    expect(await links.redeem('drydock_l_unknown')).toBeUndefined();
  });

  it('the audit sink writes queued rows in batches and keeps the table within its row limit', async () => {
    const errors: unknown[] = [];
    const sink = new AuditTableSink(prisma, { retention: { maxAgeMs: 3_600_000, maxRows: 5 }, batchSize: 4, onError: (error) => errors.push(error) });
    const row = (i: number): AuditRow => ({ time: new Date(), receivedAt: new Date(), userName: 'alice', groups: ['blue', 'system:authenticated'], impersonatedUserName: null, impersonatedGroups: [], sourceIps: ['127.0.0.1'], cluster: 'default', verb: 'get', apiGroup: '', resource: 'pods', subresource: '', namespace: 'blue', name: `p${i}`, requestUri: `/api/v1/namespaces/blue/pods/p${i}`, code: 200, latencyMs: 1.5, userAgent: 'kubectl' });
    for (let i = 0; i < 9; i++) sink.add(row(i));
    await sink.flush();
    expect((await pool.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(9);
    sink.add({ ...row(9), time: new Date(Date.now() - 2 * 3_600_000) });
    await sink.flush();
    await sink.sweep();
    const names = (await pool.query('SELECT name, groups FROM audit_events ORDER BY id')).rows;
    expect(names.map((r) => r.name)).toEqual(['p4', 'p5', 'p6', 'p7', 'p8']);
    expect(names[0].groups).toEqual(['blue', 'system:authenticated']);
    expect(errors).toEqual([]);
  });
});
