import { ApiResponse } from './harness/api-client';
import { useDrydock } from './harness/use-drydock';
import { Json } from './harness/json';

const NAMESPACE = 'watching';
const CONFIGMAPS = `/api/v1/namespaces/${NAMESPACE}/configmaps`;
const configMap = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: {} });

async function ok(response: Promise<ApiResponse>, expected: number): Promise<Json> {
  const { status, text, json } = await response;
  if (status !== expected) throw new Error(`expected HTTP ${expected}, got ${status}: ${text.slice(0, 500)}`);
  return json;
}

const summary = (events: { type: string; object: Json }[]) => events.map((e) => `${e.type} ${e.object?.metadata?.name ?? ''}`);

describe('watch semantics through the API', () => {
  const drydock = useDrydock();
  const api = () => drydock().api;

  beforeAll(async () => {
    await ok(api().request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } } }), 201);
    for (const name of ['a', 'b', 'c']) await ok(api().request('POST', CONFIGMAPS, { body: configMap(name, { team: 'blue' }) }), 201);
  });

  // The namespace may hold objects Drydock creates itself (kube-root-ca.crt, as upstream), so the
  // expectations are the current list, which holds at least a, b and c.
  const currentNames = async () => {
    const list = await ok(api().request('GET', CONFIGMAPS), 200);
    const names: string[] = list.items.map((item: Json) => item.metadata.name).sort();
    expect(names).toEqual(expect.arrayContaining(['a', 'b', 'c']));
    return { names, resourceVersion: list.metadata.resourceVersion as string };
  };

  it('a watch without resourceVersion starts with a synthetic ADDED for every object', async () => {
    const { names } = await currentNames();
    const watch = await api().watch(`${CONFIGMAPS}?watch=true`);
    try {
      const events = await watch.waitForEvents(names.length);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(summary(events).sort()).toEqual(names.map((name) => `ADDED ${name}`));
    } finally {
      watch.close();
    }
  });

  it('a WatchList request (sendInitialEvents) sends the objects, then the initial-events-end bookmark', async () => {
    const { names, resourceVersion } = await currentNames();
    const watch = await api().watch(`${CONFIGMAPS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=60`);
    try {
      const events = await watch.waitForEvents(names.length + 1);
      expect(summary(events.slice(0, names.length)).sort()).toEqual(names.map((name) => `ADDED ${name}`));
      const bookmark = events[names.length];
      expect(bookmark).toMatchObject({
        type: 'BOOKMARK',
        object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } },
      });
      expect(BigInt(bookmark.object.metadata.resourceVersion)).toBeGreaterThanOrEqual(BigInt(resourceVersion));
    } finally {
      watch.close();
    }
  });

  it('a watch with timeoutSeconds is closed by the server when the time is up', async () => {
    const list = await ok(api().request('GET', CONFIGMAPS), 200);
    const started = Date.now();
    // A selector nothing matches: whatever else happens in the namespace, no event can arrive.
    const watch = await api().watch(`${CONFIGMAPS}?watch=true&labelSelector=nothing%3Dmatches&resourceVersion=${list.metadata.resourceVersion}&timeoutSeconds=1`);
    await expect(watch.waitForEvents(1, 10_000)).rejects.toThrow(/the stream ended/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a label-selector watch sees an object leave the selection as DELETED and return as ADDED', async () => {
    const list = await ok(api().request('GET', `${CONFIGMAPS}?labelSelector=team%3Dblue`), 200);
    const watch = await api().watch(`${CONFIGMAPS}?watch=true&labelSelector=team%3Dblue&resourceVersion=${list.metadata.resourceVersion}`);
    try {
      const relabel = (team: string) =>
        ok(api().request('PATCH', `${CONFIGMAPS}/a`, { body: { metadata: { labels: { team } } }, contentType: 'application/merge-patch+json' }), 200);
      await relabel('red');
      await relabel('blue');
      await ok(api().request('POST', CONFIGMAPS, { body: configMap('elsewhere', { team: 'red' }) }), 201);
      await ok(api().request('POST', CONFIGMAPS, { body: configMap('d', { team: 'blue' }) }), 201);

      const events = await watch.waitForEvents(3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(summary(events)).toEqual(['DELETED a', 'ADDED a', 'ADDED d']);
      expect(events[0].object.metadata.labels).toEqual({ team: 'red' });
    } finally {
      watch.close();
    }
  });
});
