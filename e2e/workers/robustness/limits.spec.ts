import * as https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { useRobustDrydock } from './support/robust-drydock';

/**
 * Limits as upstream keeps them (issue 16, part 2): 3 MiB bodies, deep JSON, huge label sets, a watcher that
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
