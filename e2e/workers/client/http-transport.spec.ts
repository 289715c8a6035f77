import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generateServingCredentials } from '@drydock/api';
import { ApiError, ClusterClients, createKubeClient, ClosableKubeClient, resources } from '@drydock/client';

type Handler = (request: { method: string; url: string; headers: Record<string, unknown>; body: string }) => { status: number; body?: unknown; headers?: Record<string, string> };

/** A scripted HTTPS server with a CA of its own, to see exactly what the client sends and how it reacts. */
describe('KubeClient transport', () => {
  const credentials = generateServingCredentials(['127.0.0.1']);
  let server: https.Server;
  let handler: Handler;
  let client: ClosableKubeClient;
  const requests: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = https.createServer({ cert: credentials.cert, key: credentials.key }, (req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const request = { method: req.method!, url: req.url!, headers: req.headers, body };
        requests.push(request);
        const answer = handler(request);
        res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
        res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = createKubeClient({ server: `https://127.0.0.1:${port}`, token: 'secret-token', caCert: credentials.caCert, userAgent: 'kube-scheduler' });
  });

  beforeEach(() => (requests.length = 0));

  afterAll(async () => {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the bearer token, a User-Agent naming the program, Accept JSON, and the field manager on writes', async () => {
    handler = () => ({ status: 201, body: { metadata: { name: 'x' } } });
    await client.create(resources.pods, 'ns', { metadata: { name: 'x' } });
    expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/v1/namespaces/ns/pods?fieldManager=kube-scheduler' });
    expect(requests[0].headers).toMatchObject({ authorization: 'Bearer secret-token', accept: 'application/json', 'content-type': 'application/json' });
    expect(String(requests[0].headers['user-agent'])).toMatch(/^kube-scheduler\//);
  });

  it('addresses group resources, subresources, patches and watches as upstream', async () => {
    handler = () => ({ status: 200, body: { metadata: {} } });
    await client.patch(resources.deployments, 'ns', 'web', { spec: {} }, 'strategic', { subresource: 'status' });
    await client.update(resources.nodes, { metadata: { name: 'node-a', resourceVersion: '3' } }, { subresource: 'status' });
    await client.patch(resources.leases, 'kube-node-lease', 'node-a', { a: 1 }, 'apply', { force: true });
    expect(requests.map((r) => `${r.method} ${r.url} ${r.headers['content-type']}`)).toEqual([
      'PATCH /apis/apps/v1/namespaces/ns/deployments/web/status?fieldManager=kube-scheduler application/strategic-merge-patch+json',
      'PUT /api/v1/nodes/node-a/status?fieldManager=kube-scheduler application/json',
      'PATCH /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-a?fieldManager=kube-scheduler&force=true application/apply-patch+yaml',
    ]);
  });

  it('sends a write whose answer is discarded exactly as any other, resolves to undefined (a delete of nothing to null), and still throws its errors', async () => {
    handler = () => ({ status: 200, body: 'not JSON: a discarded answer is never decoded' });
    await expect(client.patch(resources.pods, 'ns', 'p', { status: { phase: 'Running' } }, 'merge', { subresource: 'status', discardResult: true })).resolves.toBeUndefined();
    await expect(client.create(resources.events, 'ns', { metadata: { name: 'e' } }, { discardResult: true })).resolves.toBeUndefined();
    await expect(client.delete(resources.pods, 'ns', 'p', { gracePeriodSeconds: 0, preconditions: { uid: 'u' }, discardResult: true })).resolves.toBeUndefined();
    expect(requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'PATCH /api/v1/namespaces/ns/pods/p/status?fieldManager=kube-scheduler {"status":{"phase":"Running"}}',
      'POST /api/v1/namespaces/ns/events?fieldManager=kube-scheduler {"metadata":{"name":"e"}}',
      'DELETE /api/v1/namespaces/ns/pods/p {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"preconditions":{"uid":"u"}}',
    ]);
    handler = () => ({ status: 404, body: { kind: 'Status', code: 404, reason: 'NotFound', message: 'pods "p" not found' } });
    // A delete of nothing (404) is null, discarded or not: the caller tells "deleted" from "already gone".
    await expect(client.delete(resources.pods, 'ns', 'p', { discardResult: true })).resolves.toBeNull();
    await expect(client.patch(resources.pods, 'ns', 'p', {}, 'merge', { discardResult: true })).rejects.toMatchObject({ code: 404, reason: 'NotFound' });
  });

  it('retries a 429 that carries Retry-After, and gives up after a few attempts', async () => {
    let calls = 0;
    handler = () => (++calls < 3 ? { status: 429, headers: { 'Retry-After': '0' }, body: { kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down' } } : { status: 200, body: { metadata: { name: 'p' } } });
    await expect(client.get(resources.pods, 'ns', 'p')).resolves.toMatchObject({ metadata: { name: 'p' } });
    expect(calls).toBe(3);

    calls = 0;
    handler = () => (calls++, { status: 503, headers: { 'Retry-After': '0' }, body: { kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'busy' } });
    await expect(client.get(resources.pods, 'ns', 'p')).rejects.toMatchObject({ code: 503, reason: 'ServiceUnavailable' });
    expect(calls).toBe(4);
  });

  it('retries any 5xx that carries Retry-After, as client-go (a consistent list\'s 504 while the watch cache trails)', async () => {
    let calls = 0;
    handler = () => (++calls < 3 ? { status: 504, headers: { 'Retry-After': '0' }, body: { kind: 'Status', code: 504, reason: 'Timeout', message: 'Too large resource version: 9, current: 8' } } : { status: 200, body: { metadata: { resourceVersion: '9' }, items: [] } });
    await expect(client.list(resources.pods)).resolves.toMatchObject({ resourceVersion: '9' });
    expect(calls).toBe(3);

    calls = 0;
    handler = () => (calls++, { status: 500, body: { kind: 'Status', code: 500, reason: 'InternalError', message: 'no Retry-After' } });
    await expect(client.list(resources.pods)).rejects.toMatchObject({ code: 500 });
    expect(calls).toBe(1);
  });

  it('does not retry a 429 of an eviction: the PodDisruptionBudget said no', async () => {
    handler = () => ({ status: 429, headers: { 'Retry-After': '0' }, body: { kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'Cannot evict pod as it would violate the pod\'s disruption budget.' } });
    const error = await client.createSubresource(resources.pods, 'ns', 'p', 'eviction', { apiVersion: 'policy/v1', kind: 'Eviction' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 429, reason: 'TooManyRequests' });
    expect(requests).toHaveLength(1);
  });

  it('makes an ApiError from a body that is not a Status', async () => {
    handler = () => ({ status: 502, body: 'bad gateway' });
    await expect(client.list(resources.pods)).rejects.toMatchObject({ code: 502, message: 'bad gateway' });
  });

  it('refuses a server whose certificate is not signed by the pinned CA', async () => {
    const other = generateServingCredentials(['127.0.0.1']);
    const { port } = server.address() as AddressInfo;
    const stranger = createKubeClient({ server: `https://127.0.0.1:${port}`, token: 't', caCert: other.caCert, userAgent: 'x' });
    await expect(stranger.get(resources.pods, 'ns', 'p')).rejects.toThrow();
    stranger.close();
  });

  it('delivers watch lines as events and a non-200 watch answer as one ERROR event', async () => {
    handler = (request) =>
      request.url.includes('resourceVersion=1&')
        ? { status: 410, body: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' } }
        : { status: 200, body: `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a' } } })}\n${JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '9' } } })}\n` };
    const seen: string[] = [];
    const ok = client.watch(resources.pods, { resourceVersion: '5', allowWatchBookmarks: true }, (event) => seen.push(event.type));
    await ok.done;
    expect(requests[0].url).toBe('/api/v1/pods?watch=true&resourceVersion=5&allowWatchBookmarks=true');
    const expired: unknown[] = [];
    await client.watch(resources.pods, { resourceVersion: '1', timeoutSeconds: 30 }, (event) => expired.push(event)).done;
    expect(seen).toEqual(['ADDED', 'BOOKMARK']);
    expect(expired).toEqual([{ type: 'ERROR', object: expect.objectContaining({ code: 410, reason: 'Expired' }) }]);
  });

  it('addresses a cluster under /clusters/<name> and the default cluster at the root, over one socket pool', async () => {
    handler = () => ({ status: 200, body: { metadata: { name: 'p' } } });
    const { port } = server.address() as AddressInfo;
    const clients = new ClusterClients({ server: `https://127.0.0.1:${port}`, token: 'secret-token', caCert: credentials.caCert, userAgent: 'kube-scheduler' });
    await clients.forCluster('lab').get(resources.pods, 'default', 'p');
    await clients.forCluster('default').get(resources.pods, 'default', 'p');
    const watched: string[] = [];
    handler = () => ({ status: 200, body: `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a' } } })}\n` });
    await clients.forCluster('lab').watch(resources.nodes, {}, (event) => watched.push(event.type)).done;
    clients.forCluster('lab').close(); // a cluster's client leaves the shared sockets to the others
    handler = () => ({ status: 200, body: { metadata: { name: 'p' } } });
    await clients.forCluster('blue').get(resources.pods, 'default', 'p');
    clients.close();
    expect(requests.map((request) => request.url)).toEqual(['/clusters/lab/api/v1/namespaces/default/pods/p', '/api/v1/namespaces/default/pods/p', '/clusters/lab/api/v1/nodes?watch=true', '/clusters/blue/api/v1/namespaces/default/pods/p']);
    expect(watched).toEqual(['ADDED']);
  });
});
