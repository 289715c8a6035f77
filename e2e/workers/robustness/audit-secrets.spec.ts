import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { useRobustDrydock } from './support/robust-drydock';

/**
 * Audit never holds secrets (issue 16, part 2), on the paths e2e/kubectl's user-credentials spec does not
 * walk: Secrets written through patches (all four types), GraphQL's applyManifests, refused Secrets (422,
 * 409, 400 bodies that echo their input), TokenRequest tokens and their use, wrong bearer tokens, and
 * credentials in query parameters. Every audit row and every log line is searched for each value.
 */
describe('audit and logs never hold Secret data, tokens or passwords', () => {
  const drydock = useRobustDrydock({ name: 'audit-secrets' });
  const marker = (n: number) => `s3cr3t-${n}-${Math.random().toString(36).slice(2, 10)}`;
  const b64 = (value: string) => Buffer.from(value).toString('base64');
  const secrets = '/api/v1/namespaces/default/secrets';

  it('writes, refusals, GraphQL and tokens leave no secret value in the audit table or the logs', async () => {
    const send = drydock().send;
    const values: string[] = [];
    const value = () => {
      const v = marker(values.length);
      values.push(v);
      return v;
    };
    const secret = (name: string, extra: Record<string, unknown>) => JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...extra });
    expect((await send({ method: 'POST', path: secrets, body: secret('db', { data: { password: b64(value()) }, stringData: { token: value() } }) })).status).toBe(201);
    const patches: [string, string][] = [
      ['application/merge-patch+json', JSON.stringify({ stringData: { merge: value() } })],
      ['application/strategic-merge-patch+json', JSON.stringify({ data: { strategic: b64(value()) } })],
      ['application/json-patch+json', JSON.stringify([{ op: 'add', path: '/data/jsonpatch', value: b64(value()) }])],
      ['application/apply-patch+yaml', JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { applied: value() } })],
    ];
    for (const [contentType, body] of patches) {
      const answer = await send({ method: 'PATCH', path: `${secrets}/db?fieldManager=audit-test`, body, headers: { 'Content-Type': contentType } });
      expect({ contentType, status: answer.status }).toEqual({ contentType, status: 200 });
    }
    // Refusals whose messages could echo the body: a bad key (422), a name taken (409), broken JSON (400), a wrong type.
    expect((await send({ method: 'POST', path: secrets, body: secret('bad', { data: { 'bad key!': b64(value()) } }) })).status).toBe(422);
    expect((await send({ method: 'POST', path: secrets, body: secret('db', { stringData: { again: value() } }) })).status).toBe(409);
    expect((await send({ method: 'POST', path: secrets, body: `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"},"stringData":{"a":"${value()}"` })).status).toBe(400);
    expect((await send({ method: 'POST', path: secrets, body: secret('typed', { data: { a: value() } }) })).status).toBeGreaterThanOrEqual(400);
    // GraphQL: a Secret applied from YAML.
    const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: from-graphql\nstringData:\n  key: ${value()}\n`;
    const applied = await send({ method: 'POST', path: '/graphql', body: JSON.stringify({ query: 'mutation($yaml: String!) { applyManifests(yaml: $yaml) { __typename } }', variables: { yaml } }) });
    expect(applied.status).toBe(200);
    // A TokenRequest token, used; a wrong bearer token; credentials in query parameters.
    const request = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: [] } });
    const issued = await send({ method: 'POST', path: '/api/v1/namespaces/default/serviceaccounts/default/token', body: request });
    expect(issued.status).toBe(201);
    const token = String(issued.json.status.token);
    values.push(token.split('.')[2]);
    expect((await send({ method: 'GET', path: '/api/v1/namespaces/default/pods', token })).status).toBe(403);
    const wrong = `drydock_x_${value()}`;
    expect((await send({ method: 'GET', path: '/api/v1/namespaces', token: wrong })).status).toBe(401);
    await send({ method: 'GET', path: `/api/v1/namespaces?access_token=${value()}&token=${value()}` });
    expect((await send({ method: 'GET', path: `${secrets}/db` })).json.data.password).toBe(b64(values[0]));

    const rows = await auditRowsUntil(drydock().dataDir, (found) => found.some((row) => row.verb === 'get' && row.resource === 'secrets' && row.name === 'db'));
    const audit = JSON.stringify(rows);
    const logs = readdirSync(join(drydock().dataDir, 'logs')).map((name) => readFileSync(join(drydock().dataDir, 'logs', name), 'utf8')).join('\n');
    const leaks = values.flatMap((v) => [v, b64(v)]).filter((v) => audit.includes(v) || logs.includes(v));
    process.stdout.write(`[audit-secrets] ${values.length} secret values, ${rows.length} audit rows, ${Math.round(logs.length / 1024)} KiB of logs searched; ${leaks.length} leaks\n`);
    expect(leaks).toEqual([]);
    expect(rows.some((row) => row.verb === 'patch' && row.resource === 'secrets' && row.name === 'db')).toBe(true);
    // The credential parameters are dropped from the recorded URI, the request itself is recorded.
    expect(rows.some((row) => row.request_uri === '/api/v1/namespaces' && row.verb === 'list')).toBe(true);
  });

  it('every mutating request, refused ones too, leaves exactly one ResponseComplete record with its user, verb, resource, namespace and code', async () => {
    const send = drydock().send;
    const configMaps = '/api/v1/namespaces/default/configmaps';
    const run = `${Date.now().toString(36)}`;
    const configMap = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...extra });
    const issued = await send({ method: 'POST', path: '/api/v1/namespaces/default/serviceaccounts/default/token', body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: [] } }) });
    expect(issued.status).toBe(201);
    const serviceAccount = String(issued.json.status.token);
    // Each request carries its own Audit-ID (upstream keeps the client's), by which its record is found.
    const requests: { id: string; method: string; path: string; body?: string; token?: string | null; headers?: Record<string, string>; verb: string; code: number; user?: string }[] = [
      { id: 'create', method: 'POST', path: configMaps, body: configMap(`audited-${run}`), verb: 'create', code: 201 },
      { id: 'update', method: 'PUT', path: `${configMaps}/audited-${run}`, body: configMap(`audited-${run}`, { data: { a: '1' } }), verb: 'update', code: 200 },
      { id: 'patch', method: 'PATCH', path: `${configMaps}/audited-${run}`, body: JSON.stringify({ data: { b: '2' } }), headers: { 'Content-Type': 'application/merge-patch+json' }, verb: 'patch', code: 200 },
      { id: 'conflict', method: 'POST', path: configMaps, body: configMap(`audited-${run}`), verb: 'create', code: 409 },
      { id: 'invalid', method: 'POST', path: configMaps, body: configMap('Not_Valid'), verb: 'create', code: 422 },
      { id: 'forbidden', method: 'POST', path: configMaps, body: configMap(`denied-${run}`), token: serviceAccount, verb: 'create', code: 403, user: 'system:serviceaccount:default:default' },
      { id: 'unauthenticated', method: 'DELETE', path: `${configMaps}/audited-${run}`, token: `drydock_x_wrong${run}`, verb: 'delete', code: 401, user: '' },
      { id: 'delete', method: 'DELETE', path: `${configMaps}/audited-${run}`, verb: 'delete', code: 200 },
      { id: 'not-found', method: 'DELETE', path: `${configMaps}/audited-${run}`, verb: 'delete', code: 404 },
    ];
    for (const request of requests) {
      const answer = await send({ method: request.method, path: request.path, body: request.body, token: request.token, headers: { ...request.headers, 'Audit-ID': `anchor-${run}-${request.id}` } });
      expect({ id: request.id, status: answer.status }).toEqual({ id: request.id, status: request.code });
    }
    const admin = (await send({ method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', body: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }) })).json.status.userInfo.username;
    type AuditRecord = { component?: string; auditID: string; stage: string; verb: string; user?: string; objectRef?: { resource?: string; namespace?: string }; code: number };
    const recordsOf = () => drydock().apiserverLog().split('\n').filter((line) => line.includes(`"anchor-${run}-`)).map((line) => JSON.parse(line) as AuditRecord).filter((record) => record.component === 'audit');
    const deadline = Date.now() + 10_000;
    while (recordsOf().length < requests.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const records = recordsOf();
    const found = requests.map((request) => {
      const mine = records.filter((record) => record.auditID === `anchor-${run}-${request.id}`);
      return { id: request.id, records: mine.length, ...(mine[0] && { stage: mine[0].stage, verb: mine[0].verb, user: mine[0].user ?? '', resource: mine[0].objectRef?.resource, namespace: mine[0].objectRef?.namespace, code: mine[0].code }) };
    });
    expect(found).toEqual(requests.map((request) => ({ id: request.id, records: 1, stage: 'ResponseComplete', verb: request.verb, user: request.user ?? admin, resource: 'configmaps', namespace: 'default', code: request.code })));
  });
});

/** Every row of the audit table (written in batches), once `ready` holds for them. */
async function auditRowsUntil(dataDir: string, ready: (rows: Record<string, unknown>[]) => boolean): Promise<Record<string, unknown>[]> {
  const port = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3].trim();
  const client = new Client({ connectionString: `postgresql://postgres:drydock@127.0.0.1:${port}/drydock` });
  await client.connect();
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const rows = (await client.query('SELECT * FROM audit_events ORDER BY id')).rows;
      if (ready(rows) || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await client.end();
  }
}
