import pino from 'pino';
import { Writable } from 'node:stream';
import { AuditLog, auditRequestUri } from './audit';
import type { AuditRow } from './audit-table.sink';

describe('auditRequestUri', () => {
  it('keeps the path and ordinary query parameters', () => {
    expect(auditRequestUri(new URL('https://x/api/v1/namespaces/a/pods?watch=true&labelSelector=app%3Dweb'))).toBe('/api/v1/namespaces/a/pods?watch=true&labelSelector=app%3Dweb');
  });

  it('drops every parameter that can carry a credential', () => {
    expect(auditRequestUri(new URL('https://x/api/v1/pods?access_token=abc&token=def&password=ghi&limit=5'))).toBe('/api/v1/pods?limit=5');
    expect(auditRequestUri(new URL('https://x/apis/drydock.dev/v1/users/a/tokens?tokenName=laptop'))).toBe('/apis/drydock.dev/v1/users/a/tokens');
  });
});

describe('AuditLog', () => {
  it('records user, groups, verb, object, code, latency and user agent to the log and the table, never a credential from the query', () => {
    let logged = '';
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => ((logged += chunk.toString()), done()) }));
    const rows: AuditRow[] = [];
    const audit = new AuditLog(logger, { add: (row) => rows.push(row) });
    const info = { verb: 'create', group: '', version: 'v1', resource: 'secrets', namespace: 'default', name: '', subresource: '', cluster: 'default' };
    audit.record({ method: 'POST', url: new URL('https://x/api/v1/namespaces/default/secrets?access_token=s3cr3t'), user: { name: 'alice', groups: ['blue', 'system:authenticated'] }, info: info as never, code: 201, latencyMs: 3.14159, userAgent: 'kubectl/v1.35' });
    expect(rows).toEqual([expect.objectContaining({ userName: 'alice', groups: ['blue', 'system:authenticated'], verb: 'create', apiGroup: '', resource: 'secrets', namespace: 'default', name: '', requestUri: '/api/v1/namespaces/default/secrets', code: 201, latencyMs: 3.1, userAgent: 'kubectl/v1.35' })]);
    expect(logged).toContain('"requestURI":"/api/v1/namespaces/default/secrets"');
    expect(logged + JSON.stringify(rows)).not.toContain('s3cr3t');
  });

  it('records a request that failed authentication with an empty user and its 401', () => {
    const rows: AuditRow[] = [];
    new AuditLog(pino({ level: 'silent' }), { add: (row) => rows.push(row) }).record({ method: 'GET', url: new URL('https://x/api/v1/pods'), code: 401, latencyMs: 1 });
    expect(rows[0]).toMatchObject({ userName: '', groups: [], verb: 'get', code: 401 });
  });
});
