import pino from 'pino';
import { Writable } from 'node:stream';
import { AuditLog, auditRequestUri, sourceIps } from './audit';
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

  it('records the requester as user and whom it impersonated as impersonatedUser, with the source IPs and the cluster', () => {
    const rows: AuditRow[] = [];
    const info = { verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: 'blue', name: 'web', subresource: '', cluster: 'sandbox' };
    new AuditLog(pino({ level: 'silent' }), { add: (row) => rows.push(row) }).record({
      method: 'GET', url: new URL('https://x/clusters/sandbox/api/v1/namespaces/blue/pods/web'), requestor: { name: 'drydock-admin', groups: ['system:masters'] },
      user: { name: 'alice', groups: ['system:authenticated'] }, info: info as never, code: 200, latencyMs: 2, sourceIps: ['10.0.0.7'],
    });
    expect(rows[0]).toMatchObject({ userName: 'drydock-admin', groups: ['system:masters'], impersonatedUserName: 'alice', impersonatedGroups: ['system:authenticated'], sourceIps: ['10.0.0.7'], cluster: 'sandbox' });
    expect(rows[0].time.getTime() - rows[0].receivedAt.getTime()).toBe(2);
  });
});

describe('sourceIps', () => {
  const request = (headers: Record<string, string>, remoteAddress: string) => ({ headers, socket: { remoteAddress } }) as never;

  it('lists X-Forwarded-For, then X-Real-Ip, then the peer unless it ends the list already, as utilnet.SourceIPs', () => {
    expect(sourceIps(request({}, '::ffff:127.0.0.1'))).toEqual(['127.0.0.1']);
    expect(sourceIps(request({ 'x-forwarded-for': '1.2.3.4, 10.0.0.1', 'x-real-ip': '10.0.0.9' }, '10.0.0.2'))).toEqual(['1.2.3.4', '10.0.0.1', '10.0.0.9', '10.0.0.2']);
    expect(sourceIps(request({ 'x-forwarded-for': '1.2.3.4' }, '1.2.3.4'))).toEqual(['1.2.3.4']);
  });
});
