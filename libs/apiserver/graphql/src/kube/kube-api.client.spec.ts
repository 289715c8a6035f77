import { ApiError } from '@drydock/client';
import { Caller, callerPath, impersonationHeaders, KubeApiClient, KubeRequest } from './kube-api.client';
import { graphqlCluster, routeClusterGraphql } from '../graphql-ws.handler';

const pod = (name: string, resourceVersion: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion } });

/** A client whose REST calls are answered with `objects` at `revision`, recording what was asked. */
function fakeApi(state: { revision: string; objects: unknown[] }) {
  const client = new KubeApiClient({ server: 'https://127.0.0.1:1', caCert: '' });
  const requests: { token: string; request: KubeRequest }[] = [];
  jest.spyOn(client, 'text').mockImplementation(async ({ token }: Caller, request: KubeRequest) => {
    requests.push({ token, request });
    return JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: state.revision }, items: state.objects });
  });
  return { client, requests };
}

describe('whole lists through the REST API', () => {
  it('reads a collection as one list with resourceVersion=0 (served from the watch cache), with the selectors', async () => {
    const objects = [pod('a', '3'), pod('b', '4'), pod('c', '5')];
    const { client, requests } = fakeApi({ revision: '7', objects });
    const list = await client.list({ token: 't' }, '/api/v1/pods', { labelSelector: 'app=web', fieldSelector: 'spec.nodeName=n1' });
    expect(list.items).toEqual(objects);
    expect(list.metadata?.resourceVersion).toBe('7');
    expect(requests).toEqual([{ token: 't', request: { method: 'GET', path: '/api/v1/pods', query: { labelSelector: 'app=web', fieldSelector: 'spec.nodeName=n1', resourceVersion: '0' } } }]);
  });

  it('reads its own writes: for a while after a write (not an access review), lists are consistent reads (no resourceVersion=0)', async () => {
    const client = new KubeApiClient({ server: 'https://127.0.0.1:1', caCert: '' });
    const sent: KubeRequest[] = [];
    jest.spyOn(client as unknown as { send(c: Caller, r: KubeRequest): Promise<unknown> }, 'send').mockImplementation(async (_caller, request) => {
      sent.push(request);
      return { statusCode: request.method === 'POST' ? 201 : 200, body: JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: '9' }, items: [] }) };
    });
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    await client.request({ token: 't' }, { method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body: {} });
    await client.list({ token: 't' }, '/apis/drydock.dev/v1/teams');
    await client.request({ token: 't' }, { method: 'POST', path: '/apis/drydock.dev/v1/teams', body: {} });
    await client.list({ token: 't' }, '/apis/drydock.dev/v1/teams');
    now += 10_000;
    await client.list({ token: 't' }, '/apis/drydock.dev/v1/teams');
    jest.restoreAllMocks();
    expect(sent.filter((r) => r.method === 'GET').map((r) => r.query?.resourceVersion)).toEqual(['0', undefined, '0']);
  });

  it('asks the API on every call, as the caller: nothing is kept from one call to the next', async () => {
    const state = { revision: '7', objects: [pod('a', '3')] };
    const { client, requests } = fakeApi(state);
    await client.list({ token: 't' }, '/api/v1/pods');
    state.objects = [pod('a', '8')];
    expect((await client.list({ token: 'other' }, '/api/v1/pods')).items).toEqual([pod('a', '8')]);
    expect(requests.map((r) => r.token)).toEqual(['t', 'other']);
  });

  it('decodes an unchanged object of the collection`s last list to the same object, a changed one anew', async () => {
    const state = { revision: '7', objects: [pod('a', '3'), pod('b', '4')] };
    const { client } = fakeApi(state);
    const first = await client.list({ token: 't' }, '/api/v1/pods');
    state.objects = [pod('a', '3'), pod('b', '8')];
    const second = await client.list({ token: 'other' }, '/api/v1/pods');
    expect(second.items).toEqual(state.objects);
    expect(second.items![0]).toBe(first.items![0]);
    expect(second.items![1]).not.toBe(first.items![1]);
  });

  it('fails as the list fails (a caller the API refuses)', async () => {
    const client = new KubeApiClient({ server: 'https://127.0.0.1:1', caCert: '' });
    jest.spyOn(client, 'text').mockRejectedValue(ApiError.fromResponse(403, JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'forbidden' })));
    await expect(client.list({ token: 't' }, '/api/v1/pods')).rejects.toMatchObject({ code: 403 });
  });
});

describe('impersonation', () => {
  it('forwards every Impersonate-* header of the caller with all its values, and nothing else', () => {
    const headersDistinct = { authorization: ['Bearer t'], 'impersonate-user': ['alice'], 'impersonate-group': ['devs', 'ops'], 'impersonate-extra-scopes': ['a'], accept: ['*/*'] };
    expect(impersonationHeaders({ headersDistinct })).toEqual({ 'impersonate-user': ['alice'], 'impersonate-group': ['devs', 'ops'], 'impersonate-extra-scopes': ['a'] });
    expect(impersonationHeaders({ headersDistinct: { authorization: ['Bearer t'] } })).toBeUndefined();
  });

  it('sends them with the caller\'s token on a WebSocket (pods/exec)', () => {
    const client = new KubeApiClient({ server: 'https://127.0.0.1:1', caCert: '' });
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
