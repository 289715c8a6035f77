import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { useRobustDrydock, type RawRequest } from './support/robust-drydock';

/**
 * Limits as upstream keeps them (issue 16, part 2): 3 MiB bodies, etcd's 1.5 MiB per write, deep JSON, huge label sets, a watcher that
 * never reads (cut rather than buffered for without bound), many watchers.
 */
describe('limits: oversized, deep and slow requests get upstream answers and bounded memory', () => {
  const drydock = useRobustDrydock({ name: 'limits' });
  const configMaps = '/api/v1/namespaces/default/configmaps';
  const configMap = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra } });

  it("a body over 3 MiB is 413 with upstream's message, also when no Content-Length announces it", async () => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'too-big' }, data: { blob: 'x'.repeat(3 * 1024 * 1024) } });
    const answer = await drydock().send({ method: 'POST', path: configMaps, body });
    expect(answer.json).toMatchObject({ kind: 'Status', code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' });
    expect((await drydock().send({ method: 'GET', path: `${configMaps}/too-big` })).status).toBe(404);
  });

  describe("objects over etcd's 1.5 MiB request limit (bodies under 3 MiB)", () => {
    const blobs = '/apis/limits.drydock.test/v1/namespaces/default/blobs';
    const blob = (name: string, spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({ apiVersion: 'limits.drydock.test/v1', kind: 'Blob', metadata: { name, ...extra }, spec });
    const big = { data: 'x'.repeat(1_600_000) };
    // Upstream's answer when etcd refuses a write (ErrRequestTooLarge reaches ErrorToAPIStatus as no Status).
    const refusal = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'etcdserver: request is too large', code: 500 };

    beforeAll(async () => {
      const schema = { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };
      const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'blobs.limits.drydock.test' }, spec: { group: 'limits.drydock.test', scope: 'Namespaced', names: { plural: 'blobs', singular: 'blob', kind: 'Blob', listKind: 'BlobList' }, versions: [{ name: 'v1', served: true, storage: true, schema, subresources: { status: {} } }] } };
      expect((await drydock().send({ method: 'POST', path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', body: JSON.stringify(crd) })).status).toBe(201);
      for (let started = Date.now(); (await drydock().send({ method: 'GET', path: blobs })).status !== 200; ) {
        if (Date.now() - started > 30_000) throw new Error('the Blob kind was not served within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }, 60_000);

    it('create, update, patch, apply and status writes of a custom resource over it get upstream\'s 500 and change nothing', async () => {
      const created = await drydock().send({ method: 'POST', path: blobs, body: blob('too-big', big) });
      expect(created.json).toEqual(refusal);
      expect((await drydock().send({ method: 'GET', path: `${blobs}/too-big` })).status).toBe(404);

      const small = await drydock().send({ method: 'POST', path: blobs, body: blob('grows', { data: 'small' }) });
      expect(small.status).toBe(201);
      const merge = { 'Content-Type': 'application/merge-patch+json' };
      const writes: [string, RawRequest][] = [
        ['PUT', { method: 'PUT', path: `${blobs}/grows`, body: blob('grows', big, { resourceVersion: small.json.metadata.resourceVersion }) }],
        ['merge patch', { method: 'PATCH', path: `${blobs}/grows`, headers: merge, body: JSON.stringify({ spec: big }) }],
        ['JSON patch', { method: 'PATCH', path: `${blobs}/grows`, headers: { 'Content-Type': 'application/json-patch+json' }, body: JSON.stringify([{ op: 'add', path: '/spec/data', value: big.data }]) }],
        ['apply', { method: 'PATCH', path: `${blobs}/grows?fieldManager=limits&force=true`, headers: { 'Content-Type': 'application/apply-patch+yaml' }, body: blob('grows', big) }],
        ['PUT status', { method: 'PUT', path: `${blobs}/grows/status`, body: JSON.stringify({ ...small.json, status: big }) }],
        ['merge patch status', { method: 'PATCH', path: `${blobs}/grows/status`, headers: merge, body: JSON.stringify({ status: big }) }],
      ];
      for (const [what, request] of writes) expect({ what, answer: (await drydock().send(request)).json }).toEqual({ what, answer: refusal });
      const after = await drydock().send({ method: 'GET', path: `${blobs}/grows` });
      expect({ resourceVersion: after.json.metadata.resourceVersion, spec: after.json.spec, status: after.json.status }).toEqual({ resourceVersion: small.json.metadata.resourceVersion, spec: { data: 'small' }, status: undefined });
    });

    it('an object that fits only without its managedFields is stored without them, as upstream retries; an apply of it is refused', async () => {
      // 20,000 fields: about 0.9 MB of object and as much again of managedFields (one `f:` entry per field).
      const fields = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`field-${String(i).padStart(5, '0')}-${'y'.repeat(28)}`, 'v']));
      const created = await drydock().send({ method: 'POST', path: `${blobs}?fieldManager=limits`, body: blob('many-fields', fields) });
      expect({ status: created.status, managedFields: created.json?.metadata?.managedFields }).toEqual({ status: 201, managedFields: undefined });
      expect(Object.keys(created.json.spec)).toHaveLength(20_000);
      const withFields = await drydock().send({ method: 'POST', path: `${blobs}?fieldManager=limits`, body: blob('few-fields', { a: 'v' }) });
      expect(withFields.json.metadata.managedFields).toEqual([expect.objectContaining({ manager: 'limits', operation: 'Update' })]);
      const applied = await drydock().send({ method: 'PATCH', path: `${blobs}/applied-many?fieldManager=limits`, headers: { 'Content-Type': 'application/apply-patch+yaml' }, body: blob('applied-many', fields) });
      expect(applied.json).toEqual(refusal);
      expect((await drydock().send({ method: 'GET', path: `${blobs}/applied-many` })).status).toBe(404);
    });
  });

  it('JSON nested 100,000 levels deep is a 4xx Status, and the server keeps answering', async () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const answer = await drydock().send({ method: 'POST', path: configMaps, body: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${deep}}` });
    expect({ status: answer.status, kind: answer.json?.kind }).toEqual({ status: expect.any(Number), kind: 'Status' });
    expect(answer.status >= 400 && answer.status < 500).toBe(true);
    expect((await drydock().send({ method: 'GET', path: '/readyz' })).status).toBe(200);
  });

  it('10,000 labels with invalid keys and values are one 422 with a cause per bad label, not a 500 or a hang', async () => {
    const labels = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`bad key ${i}`, `-${i}-`]));
    const answer = await drydock().send({ method: 'POST', path: configMaps, body: configMap('many-labels', { labels }) }, 30_000);
    expect(answer.json).toMatchObject({ kind: 'Status', code: 422, reason: 'Invalid' });
    expect(answer.json.details.causes.length).toBeGreaterThanOrEqual(10_000);
    expect(answer.json.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: expect.stringMatching(/^metadata\.labels/) });
    const valid = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, `v${i}`]));
    expect((await drydock().send({ method: 'POST', path: configMaps, body: configMap('many-valid-labels', { labels: valid }) }, 30_000)).status).toBe(201);
  });

  it('a watcher that never reads is cut once 16 MiB wait for it, so the server does not buffer for it without bound', async () => {
    const url = new URL(drydock().server);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = https.request({ host: url.hostname, port: url.port, path: `${configMaps}?watch=true&labelSelector=slow%3Dyes`, headers: { Authorization: `Bearer ${drydock().token}` }, ca: drydock().caCert, agent: false }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(response.statusCode).toBe(200);
    response.pause(); // reads nothing: the kernel's buffers fill, then the server's
    const rssBefore = await drydock().metric('process_resident_memory_bytes');
    const value = 'x'.repeat(900 * 1024);
    // 64 writes of 900 KiB: 56 MiB of events for this one watcher, far past its 16 MiB.
    const writes = 64;
    for (let i = 0; i < writes; i++) {
      const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `slow-${i}`, labels: { slow: 'yes' } }, data: { value } });
      expect((await drydock().send({ method: 'POST', path: configMaps, body })).status).toBe(201);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssAfter = await drydock().metric('process_resident_memory_bytes');
    // Now read: the stream must end (cut) before it delivered every event.
    let received = 0;
    const ended = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 20_000);
      response.on('data', (chunk: Buffer) => (received += chunk.length));
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      response.on('end', done);
      response.on('error', done);
      response.on('close', done);
      response.resume();
    });
    response.destroy();
    process.stdout.write(`[limits] slow watcher: cut=${ended} after ${Math.round(received / 2 ** 20)} of ${Math.round((writes * value.length) / 2 ** 20)} MiB; API server RSS ${Math.round(rssBefore / 2 ** 20)} -> ${Math.round(rssAfter / 2 ** 20)} MiB\n`);
    expect(ended).toBe(true);
    expect(received).toBeLessThan(writes * value.length);
  }, 150_000);

  it('2,000 watchers at once are served and the server stays responsive', async () => {
    const agent = new https.Agent({ ca: drydock().caCert, keepAlive: false, maxSockets: Infinity });
    const url = new URL(drydock().server);
    const open = (i: number) =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const req = https.request({ host: url.hostname, port: url.port, path: `${configMaps}?watch=true&timeoutSeconds=120&labelSelector=w%3D${i % 10}`, headers: { Authorization: `Bearer ${drydock().token}` }, agent }, resolve);
        req.on('error', reject);
        req.end();
      });
    const started = performance.now();
    const watches: IncomingMessage[] = [];
    for (let i = 0; i < 2000; i += 100) watches.push(...(await Promise.all(Array.from({ length: 100 }, (_, j) => open(i + j)))));
    const probe = await drydock().send({ method: 'GET', path: `${configMaps}?limit=1` });
    const rss = await drydock().metric('process_resident_memory_bytes');
    process.stdout.write(`[limits] 2000 watchers open in ${Math.round(performance.now() - started)} ms; a list took ${Math.round(probe.elapsedMs)} ms; RSS ${Math.round(rss / 2 ** 20)} MiB\n`);
    expect(watches.every((w) => w.statusCode === 200)).toBe(true);
    expect(probe.status).toBe(200);
    for (const watch of watches) watch.destroy();
    agent.destroy();
  }, 170_000);
});
