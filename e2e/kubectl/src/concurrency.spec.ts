import { ApiClient, ApiResponse, WatchEvent } from './harness/api-client';
import { useDrydock } from './harness/use-drydock';
import { Json } from './harness/json';

const NAMESPACE = 'concurrency';
const CONFIGMAPS = `/api/v1/namespaces/${NAMESPACE}/configmaps`;
const configMap = (name: string, data: Record<string, string>, resourceVersion?: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: NAMESPACE, ...(resourceVersion ? { resourceVersion } : {}) },
  data,
});

const revision = (resourceVersion: string) => BigInt(resourceVersion);

async function ok(response: Promise<ApiResponse>, expected: number): Promise<Json> {
  const { status, text, json } = await response;
  if (status !== expected) throw new Error(`expected HTTP ${expected}, got ${status}: ${text.slice(0, 500)}`);
  return json;
}

/** GET, add one, PUT with the read resourceVersion; on 409 read again. Returns the resourceVersion written. */
async function increment(api: ApiClient, name: string): Promise<{ resourceVersion: string; conflicts: number }> {
  for (let conflicts = 0; conflicts < 1000; conflicts++) {
    const current = await ok(api.request('GET', `${CONFIGMAPS}/${name}`), 200);
    const next = configMap(name, { n: String(Number(current.data.n) + 1) }, current.metadata.resourceVersion);
    const response = await api.request('PUT', `${CONFIGMAPS}/${name}`, { body: next });
    if (response.status === 200) return { resourceVersion: response.json.metadata.resourceVersion, conflicts };
    if (response.status !== 409) throw new Error(`increment: unexpected HTTP ${response.status}: ${response.text.slice(0, 500)}`);
  }
  throw new Error('increment: 1000 conflicts in a row');
}

describe('concurrency through the API', () => {
  const drydock = useDrydock();
  const api = () => drydock().api;

  beforeAll(async () => {
    await ok(api().request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } } }), 201);
  });

  it('N parallel PUTs with the same stale resourceVersion: exactly one 200, the rest 409 Conflict, in every round', async () => {
    const writers = 16;
    await ok(api().request('POST', CONFIGMAPS, { body: configMap('contended', { writer: 'none' }) }), 201);
    for (let round = 1; round <= 5; round++) {
      const read = await ok(api().request('GET', `${CONFIGMAPS}/contended`), 200);
      const responses = await Promise.all(
        Array.from({ length: writers }, (_, writer) =>
          api().request('PUT', `${CONFIGMAPS}/contended`, { body: configMap('contended', { writer: `${round}-${writer}` }, read.metadata.resourceVersion) }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect({ round, statuses }).toEqual({ round, statuses: [200, ...Array(writers - 1).fill(409)] });
      for (const conflict of responses.filter((r) => r.status === 409)) {
        expect(conflict.json).toMatchObject({ kind: 'Status', reason: 'Conflict', code: 409, details: { name: 'contended', kind: 'configmaps' } });
      }
      const winner = responses.find((r) => r.status === 200)!.json;
      const after = await ok(api().request('GET', `${CONFIGMAPS}/contended`), 200);
      expect(after.data).toEqual(winner.data);
      expect(after.metadata.resourceVersion).toBe(winner.metadata.resourceVersion);
      expect(revision(after.metadata.resourceVersion)).toBeGreaterThan(revision(read.metadata.resourceVersion));
    }
  });

  it('N parallel creates of one name: exactly one 201, the rest 409 AlreadyExists', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => api().request('POST', CONFIGMAPS, { body: configMap('created-once', { by: String(i) }) })));
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(11).fill(409)]);
    for (const loser of responses.filter((r) => r.status === 409)) expect(loser.json).toMatchObject({ kind: 'Status', reason: 'AlreadyExists' });
  });

  it('N parallel creates of a name just deleted: exactly one 201, the rest 409 AlreadyExists, in every round (kine#504)', async () => {
    for (let round = 1; round <= 3; round++) {
      await ok(api().request('POST', CONFIGMAPS, { body: configMap('recreated', { round: String(round) }) }), 201);
      await ok(api().request('DELETE', `${CONFIGMAPS}/recreated`), 200);
      const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => api().request('POST', CONFIGMAPS, { body: configMap('recreated', { by: `${round}-${i}` }) })));
      expect({ round, statuses: responses.map((r) => r.status).sort() }).toEqual({ round, statuses: [201, ...Array(11).fill(409)] });
      const winner = responses.find((r) => r.status === 201)!.json;
      expect((await ok(api().request('GET', `${CONFIGMAPS}/recreated`), 200)).data).toEqual(winner.data);
      await ok(api().request('DELETE', `${CONFIGMAPS}/recreated`), 200);
    }
  });

  it('a retry loop of increments from many concurrent clients loses none', async () => {
    const clients = 12;
    const incrementsPerClient = 10;
    await ok(api().request('POST', CONFIGMAPS, { body: configMap('counter', { n: '0' }) }), 201);
    const written = await Promise.all(
      Array.from({ length: clients }, async () => {
        const versions: string[] = [];
        for (let i = 0; i < incrementsPerClient; i++) versions.push((await increment(api(), 'counter')).resourceVersion);
        return versions;
      }),
    );
    const final = await ok(api().request('GET', `${CONFIGMAPS}/counter`), 200);
    expect(final.data.n).toBe(String(clients * incrementsPerClient));
    expect(new Set(written.flat()).size).toBe(clients * incrementsPerClient);
  });

  it('a watch from revision R sees every later change exactly once, in order, while many clients write', async () => {
    const writers = 16;
    const objectsPerWriter = 4;
    const updatesPerObject = 4;
    const start = await ok(api().request('GET', CONFIGMAPS), 200);
    const startRevision: string = start.metadata.resourceVersion;
    const expected: { type: string; name: string; resourceVersion: string }[] = [];
    const record = (type: string, json: Json) => expected.push({ type, name: json.metadata.name, resourceVersion: json.metadata.resourceVersion });

    // Writes between R and the watch's start must be replayed from the change log.
    for (let i = 0; i < 5; i++) record('ADDED', await ok(api().request('POST', CONFIGMAPS, { body: configMap(`early-${i}`, { i: String(i) }) }), 201));
    const watch = await api().watch(`${CONFIGMAPS}?watch=true&resourceVersion=${startRevision}`);
    expect(watch.status).toBe(200);
    try {
      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          for (let o = 0; o < objectsPerWriter; o++) {
            const name = `w${writer}-o${o}`;
            record('ADDED', await ok(api().request('POST', CONFIGMAPS, { body: configMap(name, { v: '0' }) }), 201));
            for (let v = 1; v <= updatesPerObject; v++) {
              const patch = api().request('PATCH', `${CONFIGMAPS}/${name}`, { body: { data: { v: String(v) } }, contentType: 'application/merge-patch+json' });
              record('MODIFIED', await ok(patch, 200));
            }
            if (o === 0) record('DELETED', await ok(api().request('DELETE', `${CONFIGMAPS}/${name}`), 200));
          }
        }),
      );
      // Objects Drydock writes on its own in the namespace (kube-root-ca.crt, as upstream) are not ours to count.
      const written = new Set(expected.map((e) => e.name));
      const ours = (e: WatchEvent) => written.has(e.object?.metadata?.name) || !['ADDED', 'MODIFIED', 'DELETED'].includes(e.type);
      await watch.waitForEvents(expected.length, 60_000, ours);
      await new Promise((resolve) => setTimeout(resolve, 500)); // anything beyond the expected events is a duplicate
      const events = watch.events.filter(ours);

      expect(events.filter((e) => !['ADDED', 'MODIFIED', 'DELETED'].includes(e.type)).map((e) => e.type)).toEqual([]);
      expect(events).toHaveLength(expected.length);
      const revisions = events.map((e) => revision(e.object.metadata.resourceVersion));
      const outOfOrder = revisions.findIndex((rv, i) => i > 0 && rv <= revisions[i - 1]);
      const around = outOfOrder < 0 ? [] : revisions.slice(Math.max(0, outOfOrder - 2), outOfOrder + 2).map(String);
      expect({ outOfOrder, around }).toEqual({ outOfOrder: -1, around: [] });
      expect(revisions[0]).toBeGreaterThan(revision(startRevision));

      const key = (e: { type: string; name: string; resourceVersion?: string }) => `${e.type} ${e.name}${e.type === 'DELETED' ? '' : `@${e.resourceVersion}`}`;
      const seen = events.map((e) => key({ type: e.type, name: e.object.metadata.name, resourceVersion: e.object.metadata.resourceVersion }));
      expect([...seen].sort()).toEqual(expected.map(key).sort());
      for (const event of events) expect(event.object).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
    } finally {
      watch.close();
    }
  });

  it('watches from the same revision opened before, during and after concurrent writes deliver the same sequence', async () => {
    const start = await ok(api().request('GET', CONFIGMAPS), 200);
    const from = `${CONFIGMAPS}?watch=true&resourceVersion=${start.metadata.resourceVersion}`;
    const names = Array.from({ length: 12 }, (_, i) => `seq-${i}`);
    const ours = (e: WatchEvent) => names.includes(e.object?.metadata?.name);
    const writeAll = (round: number) =>
      Promise.all(
        names.map((name) =>
          round === 0
            ? ok(api().request('POST', CONFIGMAPS, { body: configMap(name, { round: '0' }) }), 201)
            : ok(api().request('PATCH', `${CONFIGMAPS}/${name}`, { body: { data: { round: String(round) } }, contentType: 'application/merge-patch+json' }), 200),
        ),
      );

    const before = await api().watch(from);
    await writeAll(0);
    await writeAll(1);
    const during = await api().watch(from);
    await writeAll(2);
    const after = await api().watch(from);
    const total = names.length * 3;
    try {
      const sequences = await Promise.all([before, during, after].map((watch) => watch.waitForEvents(total, 30_000, ours)));
      const keys = sequences.map((events) => events.filter(ours).map((e) => `${e.type} ${e.object.metadata.name}@${e.object.metadata.resourceVersion}`));
      expect(keys[0]).toHaveLength(total);
      expect(keys[1]).toEqual(keys[0]);
      expect(keys[2]).toEqual(keys[0]);
    } finally {
      for (const watch of [before, during, after]) watch.close();
    }
  });
});
