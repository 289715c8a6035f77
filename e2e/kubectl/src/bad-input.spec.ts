import { ApiResponse } from './harness/api-client';
import { useDrydock } from './harness/use-drydock';
import { Json } from './harness/json';

const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';
const configMap = (name: string, data: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

/** Every error is a v1 Status with the given code and reason; a 500 is always a bug. */
function expectStatus(response: ApiResponse, code: number, reason: string): void {
  const summary = `${response.status} ${response.text.slice(0, 500)}`;
  expect({ summary, status: response.status }).toEqual({ summary: expect.any(String), status: code });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason });
}

describe('bad input never yields a 500', () => {
  const drydock = useDrydock();
  const api = () => drydock().api;

  it('malformed JSON is 400 BadRequest', async () => {
    expectStatus(await api().request('POST', CONFIGMAPS, { body: '{"apiVersion":"v1","kind":"ConfigMap",', contentType: 'application/json' }), 400, 'BadRequest');
  });

  it('malformed YAML is 400 BadRequest', async () => {
    const body = 'apiVersion: v1\nkind: ConfigMap\nmetadata: [name: broken\n  data: {\n';
    expectStatus(await api().request('POST', CONFIGMAPS, { body, contentType: 'application/yaml' }), 400, 'BadRequest');
  });

  it('well-formed YAML is accepted as a body', async () => {
    const body = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  a: "1"\n';
    const response = await api().request('POST', CONFIGMAPS, { body, contentType: 'application/yaml' });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'from-yaml' }, data: { a: '1' } });
  });

  it('a JSON body that is not an object is 400 BadRequest', async () => {
    expectStatus(await api().request('POST', CONFIGMAPS, { body: '[1,2,3]' }), 400, 'BadRequest');
    expectStatus(await api().request('POST', CONFIGMAPS, { body: '"just a string"' }), 400, 'BadRequest');
  });

  it('a wrong kind for the URL is 400 BadRequest', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'wrong-kind' }, data: {} };
    expectStatus(await api().request('POST', CONFIGMAPS, { body: secret }), 400, 'BadRequest');
  });

  it('a wrong apiVersion for the URL is 400 BadRequest', async () => {
    const body = { apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'wrong-version' } };
    expectStatus(await api().request('POST', CONFIGMAPS, { body }), 400, 'BadRequest');
  });

  it('a body over 3 MiB is 413 RequestEntityTooLarge', async () => {
    const body = configMap('too-big', { blob: 'x'.repeat(3 * 1024 * 1024 + 1024) });
    expectStatus(await api().request('POST', CONFIGMAPS, { body }), 413, 'RequestEntityTooLarge');
  });

  it('an unknown content type is 415 UnsupportedMediaType, on create and on patch', async () => {
    expectStatus(await api().request('POST', CONFIGMAPS, { body: 'name=x', contentType: 'text/plain' }), 415, 'UnsupportedMediaType');
    await api().request('POST', CONFIGMAPS, { body: configMap('patch-target') });
    const patch = await api().request('PATCH', `${CONFIGMAPS}/patch-target`, { body: '{"data":{"a":"b"}}', contentType: 'application/x-unknown-patch' });
    expectStatus(patch, 415, 'UnsupportedMediaType');
  });

  it('a name that is not DNS-1123 is 422 Invalid with a metadata.name cause', async () => {
    const response = await api().request('POST', CONFIGMAPS, { body: configMap('Not_A_DNS_Name') });
    expectStatus(response, 422, 'Invalid');
    expect(response.json.details).toMatchObject({ name: 'Not_A_DNS_Name', kind: 'ConfigMap' });
    expect(response.json.details.causes).toContainEqual(expect.objectContaining({ reason: 'FieldValueInvalid', field: 'metadata.name' }));
  });

  it('a body name that differs from the URL name on update is 400 BadRequest', async () => {
    await api().request('POST', CONFIGMAPS, { body: configMap('url-name') });
    const response = await api().request('PUT', `${CONFIGMAPS}/url-name`, { body: configMap('body-name') });
    expectStatus(response, 400, 'BadRequest');
  });

  it('a malformed JSON patch is 400 BadRequest, not a 500', async () => {
    await api().request('POST', CONFIGMAPS, { body: configMap('json-patch-target') });
    const response = await api().request('PATCH', `${CONFIGMAPS}/json-patch-target`, { body: '{"op":"replace"}', contentType: 'application/json-patch+json' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.json).toMatchObject({ kind: 'Status', status: 'Failure' });
  });

  it('a Table request with an unknown includeObject is 400 BadRequest', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io';
    expectStatus(await api().request('GET', `${CONFIGMAPS}?includeObject=Everything`, { headers: { Accept: accept } }), 400, 'BadRequest');
  });

  it('a Table request answers a meta.k8s.io/v1 Table with column definitions and rows', async () => {
    const response = await api().request('GET', CONFIGMAPS, { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(response.json.columnDefinitions.map((c: Json) => c.name)).toEqual(['Name', 'Data', 'Age']);
    expect(response.json.columnDefinitions[0]).toMatchObject({ type: 'string', format: 'name' });
    for (const row of response.json.rows) expect(row.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' });
  });

  it('an invalid label selector is 400 BadRequest', async () => {
    expectStatus(await api().request('GET', `${CONFIGMAPS}?labelSelector=${encodeURIComponent('a in (b')}`), 400, 'BadRequest');
  });

  it('a resourceVersion that is not a number is 400 BadRequest on a watch', async () => {
    const response = await api().request('GET', `${CONFIGMAPS}?watch=true&resourceVersion=abc`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  type Request = [method: string, path: string, body: string | undefined, contentType: string | undefined];
  const create = (body: string): Request => ['POST', CONFIGMAPS, body, 'application/json'];
  const patch = (body: string, contentType: string): Request => ['PATCH', `${CONFIGMAPS}/patch-target`, body, contentType];
  it.each<[string, ...Request]>([
    ['a null body', ...create('null')],
    ['metadata that is a string', ...create('{"apiVersion":"v1","kind":"ConfigMap","metadata":"x"}')],
    ['a name that is a number', ...create('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":42}}')],
    ['labels that are a list', ...create('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"l","labels":["a"]}}')],
    ['a name with non-ASCII letters', ...create('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ñandú"}}')],
    ['a 254-character name', ...create(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${'a'.repeat(254)}"}}`)],
    ['data nested 5000 levels deep', ...create(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${deep(5000)}}`)],
    ['pod containers that are a string', 'POST', '/api/v1/namespaces/default/pods', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":"x"}}', 'application/json'],
    ['a merge patch that is a list', ...patch('[1,2]', 'application/merge-patch+json')],
    ['a merge patch making data a string', ...patch('{"data":"not-a-map"}', 'application/merge-patch+json')],
    ['a strategic patch putting an object into data', ...patch('{"data":{"a":{"b":1}}}', 'application/strategic-merge-patch+json')],
    ['a JSON patch removing a missing path', ...patch('[{"op":"remove","path":"/nope/deeper"}]', 'application/json-patch+json')],
    ['an apply patch that is not YAML', ...patch('kind: [', 'application/apply-patch+yaml')],
    ['limit=abc', 'GET', `${CONFIGMAPS}?limit=abc`, undefined, undefined],
    ['a continue token that is not one', 'GET', `${CONFIGMAPS}?continue=not-a-token`, undefined, undefined],
  ])('%s is a 4xx Status, never a 2xx or a 500', async (_, method, path, body, contentType) => {
    await api().request('POST', CONFIGMAPS, { body: configMap('patch-target') });
    const response = await api().request(method, path, body === undefined ? {} : { body, contentType });
    const outcome = { status: response.status, body: response.text.slice(0, 300) };
    expect({ ...outcome, is4xx: outcome.status >= 400 && outcome.status < 500 }).toEqual({ ...outcome, is4xx: true });
    expect(response.json).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: response.status });
  });

  it('creating into a missing namespace is 404 NotFound: namespaces "x" not found', async () => {
    const response = await api().request('POST', '/api/v1/namespaces/x/configmaps', { body: configMap('orphan') });
    expectStatus(response, 404, 'NotFound');
    expect(response.json.message).toBe('namespaces "x" not found');
    expect(response.json.details).toMatchObject({ name: 'x', kind: 'namespaces' });
  });

  it('an unknown resource is 404 NotFound', async () => {
    const response = await api().request('GET', '/api/v1/namespaces/default/widgets');
    expect(response.status).toBe(404);
  });

  it('namespaces default, kube-system, kube-public and kube-node-lease exist from the start', async () => {
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      const response = await api().request('GET', `/api/v1/namespaces/${name}`);
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
      expect(response.json).toMatchObject({ kind: 'Namespace', apiVersion: 'v1', metadata: { name }, status: { phase: 'Active' } });
    }
  });
});
