import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '@drydock/client';
import { KubeApiClient, KubeRequest } from './kube-api.client';

const pod = (name: string, resourceVersion: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion } });
const line = (type: string, object: unknown) => `${JSON.stringify({ type, object })}\n`;
const endOfInitialEvents = (resourceVersion: string) => line('BOOKMARK', { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion, annotations: { 'k8s.io/initial-events-end': 'true' } } });

/** A client whose REST calls are answered by `revision` (the store's) and `objects` (the watch cache's), split across chunks. */
function fakeApi(state: { revision: string; objects: unknown[]; refuseWatch?: boolean }) {
  const client = new KubeApiClient({ server: 'https://127.0.0.1:1', caCert: '' });
  const requests: KubeRequest[] = [];
  const streams: KubeRequest[] = [];
  jest.spyOn(client, 'request').mockImplementation(async (_token: string, request: KubeRequest) => {
    requests.push(request);
    const items = request.query?.limit === 1 ? state.objects.slice(0, 1) : state.objects;
    return { items, metadata: { resourceVersion: state.revision, continue: request.query?.limit === 1 && state.objects.length > 1 ? 'next' : undefined } } as never;
  });
  jest.spyOn(client, 'stream').mockImplementation((_token: string, request: KubeRequest) => {
    streams.push(request);
    if (state.refuseWatch) return { response: Promise.reject(ApiError.fromResponse(403, JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'no watch' }))), abort: () => undefined };
    const body = new PassThrough();
    const text = state.objects.map((object) => line('ADDED', object)).join('') + endOfInitialEvents(state.revision) + line('MODIFIED', pod('later', '999'));
    // Chunks that cut lines in the middle, as TCP does.
    setImmediate(() => {
      for (let i = 0; i < text.length; i += 37) body.write(Buffer.from(text.slice(i, i + 37)));
    });
    return { response: Promise.resolve(body as unknown as IncomingMessage), abort: () => body.destroy() };
  });
  return { client, requests, streams };
}

describe('whole lists through the REST API', () => {
  it('answers a collection the limit=1 list already holds entirely with that list', async () => {
    const { client, streams } = fakeApi({ revision: '5', objects: [pod('a', '3')] });
    expect((await client.list('t', '/api/v1/pods')).items).toEqual([pod('a', '3')]);
    expect(streams).toHaveLength(0);
  });

  it('reads a larger one from the watch cache at the revision the limit=1 list reported, up to the initial-events-end bookmark', async () => {
    const objects = [pod('a', '3'), pod('b', '4'), pod('c', '5')];
    const { client, requests, streams } = fakeApi({ revision: '7', objects });
    const list = await client.list('t', '/api/v1/pods', { labelSelector: 'app=web' });
    expect(list.items).toEqual(objects);
    expect(list.metadata?.resourceVersion).toBe('7');
    expect(requests[0].query).toMatchObject({ limit: 1, labelSelector: 'app=web' });
    expect(streams[0].query).toMatchObject({ watch: true, sendInitialEvents: true, allowWatchBookmarks: true, resourceVersionMatch: 'NotOlderThan', resourceVersion: '7', labelSelector: 'app=web' });
  });

  it('checks the caller on every call, reuses its list while the revision stands, and reparses only changed objects once it moves', async () => {
    const state = { revision: '7', objects: [pod('a', '3'), pod('b', '4')] };
    const { client, requests, streams } = fakeApi(state);
    const first = await client.list('t', '/api/v1/pods');
    const again = await client.list('t', '/api/v1/pods');
    expect(again.items).toBe(first.items);
    expect(requests).toHaveLength(2);
    expect(streams).toHaveLength(1);
    // Another caller never gets this caller's list.
    await client.list('other', '/api/v1/pods');
    expect(streams).toHaveLength(2);

    state.revision = '8';
    state.objects = [pod('a', '3'), pod('b', '8')];
    const moved = await client.list('t', '/api/v1/pods');
    expect(streams).toHaveLength(3);
    expect(moved.items).toEqual(state.objects);
    expect(moved.items![0]).toBe(first.items![0]);
    expect(moved.items![1]).not.toBe(first.items![1]);
  });

  it('falls back to the plain list when the watch is refused', async () => {
    const { client, requests } = fakeApi({ revision: '7', objects: [pod('a', '3'), pod('b', '4')], refuseWatch: true });
    expect((await client.list('t', '/api/v1/pods')).items).toEqual([pod('a', '3'), pod('b', '4')]);
    expect(requests[1].query?.limit).toBeUndefined();
  });

  it('fails as the limit=1 list fails (a caller the API refuses)', async () => {
    const client = new KubeApiClient({ server: 'https://127.0.0.1:1', caCert: '' });
    jest.spyOn(client, 'request').mockRejectedValue(ApiError.fromResponse(403, JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'forbidden' })));
    await expect(client.list('t', '/api/v1/pods')).rejects.toMatchObject({ code: 403 });
  });
});
