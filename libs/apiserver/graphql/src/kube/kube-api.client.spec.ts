import { Caller, callerPath, impersonationHeaders, KubeApiClient } from './kube-api.client';
import type { KubeTransport, TransportReply, TransportRequest } from './kube-transport';
import { graphqlCluster, routeClusterGraphql } from '../graphql-ws.handler';

const pod = (name: string, resourceVersion: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion } });

/** A transport answering every request with `reply(request)`, recording what was asked. */
function fakeTransport(reply: (request: TransportRequest) => TransportReply) {
  const requests: TransportRequest[] = [];
  const transport: KubeTransport = {
    send: async (request) => (requests.push(request), reply(request)),
    stream: () => ({ response: Promise.reject(new Error('no streams here')), abort: () => undefined }),
  };
  return { transport, requests };
}

const podList = (revision: string, items: unknown[]): TransportReply => ({ statusCode: 200, text: '', value: { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: revision }, items } });

describe('whole lists through the REST API', () => {
  it('reads a collection as one list with resourceVersion=0 (served from the watch cache), as the caller, with the selectors', async () => {
    const objects = [pod('a', '3'), pod('b', '4'), pod('c', '5')];
    const { transport, requests } = fakeTransport(() => podList('7', objects));
    const list = await new KubeApiClient(transport).list({ token: 't', impersonation: { 'impersonate-user': ['alice'] } }, '/api/v1/pods', { labelSelector: 'app=web', fieldSelector: 'spec.nodeName=n1' });
    expect(list.items).toEqual(objects);
    // Handed over, not copied: the server's objects are shared and never mutated.
    expect(list.items![0]).toBe(objects[0]);
    expect(list.metadata?.resourceVersion).toBe('7');
    expect(requests).toEqual([
      {
        method: 'GET',
        path: '/api/v1/pods?labelSelector=app%3Dweb&fieldSelector=spec.nodeName%3Dn1&resourceVersion=0',
        headers: { 'impersonate-user': ['alice'], accept: 'application/json', authorization: 'Bearer t', 'user-agent': 'drydock-graphql/v0.1.0' },
        body: undefined,
      },
    ]);
  });

  it('parses a body the server wrote as text (an object, a list it did not hand over)', async () => {
    const { transport } = fakeTransport(() => ({ statusCode: 200, text: JSON.stringify({ kind: 'PodList', items: [pod('a', '3')] }) }));
    expect((await new KubeApiClient(transport).list({ token: 't' }, '/api/v1/pods')).items).toEqual([pod('a', '3')]);
  });

  it('sends a body with its type and length, under a sandbox cluster\'s prefix', async () => {
    const { transport, requests } = fakeTransport(() => ({ statusCode: 201, text: '{"kind":"ConfigMap"}' }));
    await new KubeApiClient(transport).request({ token: 't', cluster: 'lab' }, { method: 'PATCH', path: '/api/v1/namespaces/a/configmaps/c', body: { data: { é: '1' } }, contentType: 'application/merge-patch+json' });
    expect(requests[0]).toMatchObject({ method: 'PATCH', path: '/clusters/lab/api/v1/namespaces/a/configmaps/c', body: '{"data":{"é":"1"}}', headers: { 'content-type': 'application/merge-patch+json', 'content-length': '19' } });
  });

  it('names the GraphQL operation it serves in its User-Agent, which the audit log records', async () => {
    const { transport, requests } = fakeTransport(() => ({ statusCode: 200, text: '{"kind":"Secret"}' }));
    await new KubeApiClient(transport).request({ token: 't', operation: 'SecretReveal' }, { method: 'GET', path: '/api/v1/namespaces/a/secrets/s' });
    await new KubeApiClient(transport).request({ token: 't' }, { method: 'GET', path: '/api/v1/namespaces/a/secrets/s' });
    expect(requests.map((request) => request.headers['user-agent'])).toEqual(['drydock-graphql/v0.1.0 (operation SecretReveal)', 'drydock-graphql/v0.1.0']);
  });

  it('reads its own writes: for a while after a write (not an access review), lists are consistent reads (no resourceVersion=0)', async () => {
    const { transport, requests } = fakeTransport((request) => ({ statusCode: request.method === 'POST' ? 201 : 200, text: JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: '9' }, items: [] }) }));
    const client = new KubeApiClient(transport);
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    await client.request({ token: 't' }, { method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body: {} });
    await client.list({ token: 't' }, '/apis/drydock.dev/v1/teams');
    await client.request({ token: 't' }, { method: 'POST', path: '/apis/drydock.dev/v1/teams', body: {} });
    await client.list({ token: 't' }, '/apis/drydock.dev/v1/teams');
    now += 10_000;
    await client.list({ token: 't' }, '/apis/drydock.dev/v1/teams');
    jest.restoreAllMocks();
    expect(requests.filter((r) => r.method === 'GET').map((r) => new URL(r.path, 'https://x').searchParams.get('resourceVersion'))).toEqual(['0', null, '0']);
  });

  it('fails as the API answers (a caller the API refuses): ApiError with the Status', async () => {
    const { transport } = fakeTransport(() => ({ statusCode: 403, text: JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'forbidden' }) }));
    await expect(new KubeApiClient(transport).list({ token: 't' }, '/api/v1/pods')).rejects.toMatchObject({ code: 403, reason: 'Forbidden' });
  });
});

describe('impersonation', () => {
  it('forwards every Impersonate-* header of the caller with all its values, and nothing else', () => {
    const headersDistinct = { authorization: ['Bearer t'], 'impersonate-user': ['alice'], 'impersonate-group': ['devs', 'ops'], 'impersonate-extra-scopes': ['a'], accept: ['*/*'] };
    expect(impersonationHeaders({ headersDistinct })).toEqual({ 'impersonate-user': ['alice'], 'impersonate-group': ['devs', 'ops'], 'impersonate-extra-scopes': ['a'] });
    expect(impersonationHeaders({ headersDistinct: { authorization: ['Bearer t'] } })).toBeUndefined();
  });

  it('sends them with the caller\'s token on a WebSocket (pods/exec)', () => {
    const client = new KubeApiClient(fakeTransport(() => podList('1', [])).transport, { server: 'https://127.0.0.1:1', caCert: '' });
    expect(client.websocketTarget({ token: 't', impersonation: { 'impersonate-user': ['alice'] } }, '/api/v1/namespaces/a/pods/p/exec', { command: 'true' }).headers).toEqual({ 'impersonate-user': ['alice'], Authorization: 'Bearer t' });
  });
});

describe('a sandbox cluster caller', () => {
  it('calls every path under /clusters/<name>, except Drydock\'s own group, which lives in the default cluster', () => {
    const lab: Caller = { token: 't', cluster: 'lab' };
    expect(callerPath(lab, '/api/v1/namespaces/default/pods')).toBe('/clusters/lab/api/v1/namespaces/default/pods');
    expect(callerPath(lab, '/apis/drydock.dev/v1/teams')).toBe('/apis/drydock.dev/v1/teams');
    expect(callerPath({ token: 't' }, '/api/v1/pods')).toBe('/api/v1/pods');
  });

  it('finds the cluster of a GraphQL URL: /graphql is the default cluster, /clusters/<name>/graphql a sandbox', () => {
    expect(graphqlCluster('/graphql?x=1')).toBe('default');
    expect(graphqlCluster('/clusters/lab/graphql/')).toBe('lab');
    expect(graphqlCluster('/clusters/lab/api/v1/pods')).toBeUndefined();
    expect(graphqlCluster('/clusters/Bad_Name/graphql')).toBeUndefined();
    const req = { url: '/clusters/lab/graphql?a=b' } as Parameters<typeof routeClusterGraphql>[0];
    routeClusterGraphql(req, undefined, () => undefined);
    expect([req.url, req.graphqlCluster]).toEqual(['/graphql?a=b', 'lab']);
  });
});
