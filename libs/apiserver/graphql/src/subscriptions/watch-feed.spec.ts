import { PassThrough } from 'node:stream';
import { ApiError, resources } from '@drydock/client';
import type { CallerKube } from '../kube/caller-kube';
import { toChange } from './change-stream.service';
import { openWatchFeed, WatchChange } from './watch-feed';

/** A caller whose watches are the returned streams (one per feed), after a limit=1 list at revision 1. */
function fakeKube() {
  const streams: PassThrough[] = [];
  const queries: unknown[] = [];
  const kube = {
    raw: async () => ({ metadata: { resourceVersion: '1' } }),
    stream: (request: { query?: unknown }) => {
      const body = new PassThrough();
      streams.push(body);
      queries.push(request.query);
      return { response: Promise.resolve(body), abort: () => body.destroy() };
    },
  } as unknown as CallerKube;
  return { kube, streams, queries };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('watch feeds', () => {
  it('each watch as its own caller, the same line parsed once for every subscriber that receives it', async () => {
    const a = fakeKube();
    const b = fakeKube();
    const seenA: WatchChange[] = [];
    const seenB: WatchChange[] = [];
    const feedA = await openWatchFeed(a.kube, resources.pods, undefined, (change) => seenA.push(change));
    const feedB = await openWatchFeed(b.kube, resources.pods, undefined, (change) => seenB.push(change));
    expect(a.queries[0]).toMatchObject({ watch: true, resourceVersion: '1' });
    const line = `${JSON.stringify({ type: 'MODIFIED', object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u', resourceVersion: '7' }, status: { phase: 'Running' } } })}\n`;
    a.streams[0].write(line);
    b.streams[0].write(line.slice(0, 20));
    b.streams[0].write(line.slice(20));
    await tick();
    expect(seenA).toHaveLength(1);
    expect(seenB[0]).toBe(seenA[0]);
    expect(toChange(seenB[0])).toBe(toChange(seenA[0]));
    expect(toChange(seenA[0])).toMatchObject({ type: 'MODIFIED', kind: 'Pod', name: 'p', resourceVersion: '7', pod: { phase: 'Running' } });
    // Only what each caller's own watch delivered reaches it.
    a.streams[0].write(line.replace('"p"', '"q"'));
    await tick();
    expect(seenA.map((c) => c.object.metadata.name)).toEqual(['p', 'q']);
    expect(seenB.map((c) => c.object.metadata.name)).toEqual(['p']);
    feedA.close();
    feedB.close();
  });

  it('fails at once with the API\'s Forbidden when the caller may list but not watch, and opens no further watch', async () => {
    const forbidden = ApiError.fromResponse(403, JSON.stringify({ kind: 'Status', code: 403, reason: 'Forbidden', message: 'pods is forbidden: User "ben" cannot watch resource "pods"' }));
    let watches = 0;
    const kube = {
      raw: async () => ({ metadata: { resourceVersion: '1' } }),
      stream: () => {
        watches++;
        const response = Promise.reject(forbidden);
        response.catch(() => undefined);
        return { response, abort: () => undefined };
      },
    } as unknown as CallerKube;
    await expect(openWatchFeed(kube, resources.pods, 'beta', () => undefined)).rejects.toMatchObject({ code: 403 });
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(watches).toBe(1);
  });
});
