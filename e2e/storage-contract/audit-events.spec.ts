import { AuditEventRest, AuditRow, AuditTableSink } from '@drydock/api';
import { builtinResources } from '@drydock/registry';
import { migrate, prismaOnPool, PrismaClient } from '@drydock/storage';
import { startTestPostgres, TestDatabase } from '@drydock/testing';
import type { KubeObject } from '@drydock/util';
import type { Pool } from 'pg';
import { quietPool } from './support/quiet-pool';

jest.setTimeout(60_000);

const def = builtinResources().find((d) => d.group === 'drydock.dev' && d.resource === 'auditevents')!;

function row(overrides: Partial<AuditRow>): AuditRow {
  const time = new Date('2026-12-07T04:00:00.250Z');
  return {
    time, receivedAt: new Date(time.getTime() - 3), userName: 'alice', groups: ['blue', 'system:authenticated'], impersonatedUserName: null, impersonatedGroups: [],
    sourceIps: ['10.0.0.7'], cluster: 'default', verb: 'get', apiGroup: '', resource: 'pods', subresource: '', namespace: 'blue', name: 'web',
    requestUri: '/api/v1/namespaces/blue/pods/web', code: 200, latencyMs: 3.1, userAgent: 'kubectl/v1.35.0', ...overrides,
  };
}

/** drydock.dev/v1 auditevents read from the audit table on a real, migrated PostgreSQL. */
describe('auditevents (AuditEventRest over the audit table)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let prisma: PrismaClient;
  let rest: AuditEventRest;
  const list = async (namespace: string, query: Record<string, string> = {}, cluster = 'default') => rest.list({ cluster, namespace, name: '', query: new URLSearchParams(query) });
  const names = (items: KubeObject[]) => items.map((item) => (item.objectRef as { name?: string } | undefined)?.name ?? '');

  beforeAll(async () => {
    database = await startTestPostgres();
    pool = quietPool(database.url, 4);
    await migrate(pool);
    prisma = prismaOnPool(pool);
    rest = new AuditEventRest(prisma, def);
    const sink = new AuditTableSink(prisma, { retention: { maxAgeMs: 3_600_000, maxRows: 1000 }, onError: (error) => { throw error; } });
    sink.add(row({ name: 'web' }));
    sink.add(row({ name: 'db', verb: 'delete', code: 403, userName: 'bob', groups: ['green', 'system:authenticated'] }));
    sink.add(row({ namespace: 'green', name: 'api', requestUri: '/api/v1/namespaces/green/pods/api' }));
    sink.add(row({ namespace: '', resource: 'nodes', name: 'n1', requestUri: '/api/v1/nodes/n1', userName: 'drydock-admin', groups: ['system:masters'], impersonatedUserName: 'carol', impersonatedGroups: ['system:authenticated'] }));
    sink.add(row({ namespace: '', resource: '', name: '', requestUri: '/version', verb: 'get' }));
    sink.add(row({ namespace: 'blue', name: 'web', cluster: 'sandbox' }));
    await sink.flush();
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  });

  it('shows a row as upstream\'s audit.k8s.io/v1 Event fields, named by its auditID', async () => {
    const [event] = (await list('blue', { fieldSelector: 'objectRef.name=web' })).items;
    expect(event).toEqual({
      kind: 'AuditEvent', apiVersion: 'drydock.dev/v1',
      metadata: { name: expect.stringMatching(/^[0-9a-f-]{36}$/), namespace: 'blue', creationTimestamp: '2026-12-07T04:00:00Z' },
      level: 'Metadata', auditID: event.metadata.name, stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/blue/pods/web', verb: 'get',
      user: { username: 'alice', groups: ['blue', 'system:authenticated'] }, sourceIPs: ['10.0.0.7'], userAgent: 'kubectl/v1.35.0',
      objectRef: { resource: 'pods', namespace: 'blue', name: 'web' }, responseStatus: { metadata: {}, code: 200 },
      requestReceivedTimestamp: '2026-12-07T04:00:00.247000Z', stageTimestamp: '2026-12-07T04:00:00.250000Z', latency: '3.1ms',
    });
    expect(await rest.get({ cluster: 'default', namespace: 'blue', name: event.metadata.name!, query: new URLSearchParams() })).toEqual(event);
  });

  it('lists one namespace\'s events of one cluster, newest first; across namespaces also the cluster-scoped and non-resource requests', async () => {
    expect(names((await list('blue')).items)).toEqual(['db', 'web']);
    expect(names((await list('blue', {}, 'sandbox')).items)).toEqual(['web']);
    const all = (await list('')).items;
    expect(names(all)).toEqual(['', 'n1', 'api', 'db', 'web']);
    expect(all[0].objectRef).toBeUndefined();
    expect(all[1]).toMatchObject({ user: { username: 'drydock-admin' }, impersonatedUser: { username: 'carol', groups: ['system:authenticated'] } });
    expect(all[1].metadata.namespace).toBeUndefined();
  });

  it('filters by the field selectors user.username, verb, objectRef.resource and responseStatus.code, with = and !=', async () => {
    expect(names((await list('', { fieldSelector: 'user.username=bob' })).items)).toEqual(['db']);
    expect(names((await list('', { fieldSelector: 'verb=delete,responseStatus.code=403' })).items)).toEqual(['db']);
    expect(names((await list('', { fieldSelector: 'objectRef.resource=nodes' })).items)).toEqual(['n1']);
    expect(names((await list('blue', { fieldSelector: 'responseStatus.code!=403' })).items)).toEqual(['web']);
    expect(names((await list('', { fieldSelector: 'impersonatedUser.username!=carol,metadata.namespace=' })).items)).toEqual(['']);
    expect((await list('', { fieldSelector: 'responseStatus.code=abc' })).items).toEqual([]);
    expect((await list('', { labelSelector: 'app=web' })).items).toEqual([]);
  });

  it('refuses an unknown field label and a bad continue token with upstream\'s BadRequest', async () => {
    await expect(list('', { fieldSelector: 'spec.nodeName=n1' })).rejects.toMatchObject({ code: 400, message: 'field label not supported: spec.nodeName' });
    await expect(list('', { continue: 'nonsense' })).rejects.toMatchObject({ code: 400, reason: 'BadRequest' });
  });

  it('pages with limit and continue, each page older than the last, the last without a token', async () => {
    const first = await list('', { limit: '2' });
    expect(names(first.items)).toEqual(['', 'n1']);
    const second = await list('', { limit: '2', continue: first.continue! });
    expect(names(second.items)).toEqual(['api', 'db']);
    const third = await list('', { limit: '2', continue: second.continue! });
    expect(names(third.items)).toEqual(['web']);
    expect(third.continue).toBeUndefined();
  });

  it('answers NotFound for an auditID it does not hold, in the namespace asked', async () => {
    const [event] = (await list('blue', { limit: '1' })).items;
    await expect(rest.get({ cluster: 'default', namespace: 'green', name: event.metadata.name!, query: new URLSearchParams() })).rejects.toMatchObject({ code: 404, message: `auditevents.drydock.dev "${event.metadata.name}" not found` });
    await expect(rest.get({ cluster: 'default', namespace: 'blue', name: 'not-a-uuid', query: new URLSearchParams() })).rejects.toMatchObject({ code: 404 });
  });
});
