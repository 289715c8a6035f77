import * as net from 'node:net';
import * as tls from 'node:tls';
import pino from 'pino';
import { builtinResources, ResourceRegistry } from '@drydock/registry';
import type { ChangeEvent } from '@drydock/storage';
import { MemoryObjectStore } from '@drydock/testing';
import type { KubeObject } from '@drydock/util';
import type { TransportRequest } from '@drydock/graphql';
import { AuditLog } from '../audit/audit';
import type { AuditRow } from '../audit/audit-table.sink';
import { OpenApiService } from '../discovery/openapi.service';
import { Admission } from '../pipeline/admission';
import { MastersAuthorizer } from '../pipeline/authorization';
import { GenericStore } from '../rest/generic-store';
import { ResourceHandler } from '../rest/resource.handler';
import type { WatchSource } from '../watch/watch-source';
import { InProcessTransport } from './in-process-transport';
import { KubeRouter } from './kube-router';
import { ApiMetrics } from './metrics';

const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { a: '1' } });

/** A watch cache that serves no lists (they come from the store) and delivers the events a test emits. */
function fakeCache() {
  const listeners = new Set<(events: ChangeEvent[]) => void>();
  const cache: WatchSource = {
    revision: 100,
    waitForRevision: async () => true,
    snapshot: () => ({ items: [], revision: 100 }),
    listAt: () => undefined,
    watch: (_filter, _from, listener) => {
      listeners.add(listener);
      return { close: () => listeners.delete(listener) };
    },
  };
  return { cache, listeners };
}

/** The real request chain (authentication, audit, authorization, the resource handler, the generic store) over a memory store. */
function setUp() {
  const store = new MemoryObjectStore();
  const { cache, listeners } = fakeCache();
  const generic = new GenericStore(store, Admission.none, cache);
  const registry = new ResourceRegistry(builtinResources());
  const users: Record<string, { name: string; groups: string[] }> = { admin: { name: 'admin', groups: ['system:masters', 'system:authenticated'] }, nobody: { name: 'nobody', groups: ['system:authenticated'] } };
  const authenticator = { authenticateToken: async (token: string) => users[token] };
  const authorizer = new MastersAuthorizer();
  const logger = pino({ level: 'silent' });
  const openapi = new OpenApiService(registry);
  const registries = { registry: () => registry, openApi: () => openapi };
  const audited: AuditRow[] = [];
  const router = new KubeRouter({
    registries,
    resources: new ResourceHandler(registries, generic, authenticator, authorizer),
    authenticator,
    authorizer,
    audit: new AuditLog(logger, { add: (row) => audited.push(row) }),
    metrics: new ApiMetrics(),
    logger,
    readyz: [],
    serverAddress: '127.0.0.1',
  });
  const transport = new InProcessTransport((req, res) => router.handle(req, res));
  return { store, transport, listeners, audited };
}

const as = (token: string, method: string, path: string, body?: unknown): TransportRequest => {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': 'drydock-graphql/test' };
  if (text !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  return { method, path, headers, body: text };
};

describe("GraphQL's in-process path into the REST request chain", () => {
  let connects: jest.SpyInstance[];
  beforeEach(() => {
    // No socket of any kind: not TLS, not TCP (the loopback GraphQL used to dial).
    connects = [jest.spyOn(tls, 'connect'), jest.spyOn(net.Socket.prototype, 'connect'), jest.spyOn(net, 'createConnection')];
  });
  afterEach(() => {
    for (const spy of connects) expect(spy).not.toHaveBeenCalled();
    jest.restoreAllMocks();
  });

  it('hands a list over as the objects themselves, audited as the caller with their user agent', async () => {
    const { transport, store, audited } = setUp();
    for (const name of ['a', 'b']) await store.create({ cluster: 'default', resource: 'configmaps', namespace: 'default', name }, configMap(name));
    const reply = await transport.send(as('admin', 'GET', '/api/v1/namespaces/default/configmaps'));
    expect(reply.statusCode).toBe(200);
    expect(reply.text).toBe('');
    const list = reply.value as { kind: string; items: KubeObject[] };
    expect(list.kind).toBe('ConfigMapList');
    expect(list.items.map((item) => item.metadata.name)).toEqual(['a', 'b']);
    expect(audited).toEqual([expect.objectContaining({ userName: 'admin', verb: 'list', resource: 'configmaps', namespace: 'default', code: 200, userAgent: 'drydock-graphql/test', sourceIps: ['127.0.0.1'] })]);
  });

  it('answers a caller the authorizer refuses with Forbidden and nothing of the collection, and an unknown token with 401', async () => {
    const { transport, store, audited } = setUp();
    await store.create({ cluster: 'default', resource: 'configmaps', namespace: 'default', name: 'secret-plans' }, configMap('secret-plans'));
    const refused = await transport.send(as('nobody', 'GET', '/api/v1/namespaces/default/configmaps'));
    expect(refused.statusCode).toBe(403);
    expect(refused.value).toBeUndefined();
    expect(JSON.parse(refused.text)).toMatchObject({ kind: 'Status', reason: 'Forbidden', message: expect.stringContaining('User "nobody" cannot list resource "configmaps"') });
    expect(refused.text).not.toContain('secret-plans');
    const stranger = await transport.send(as('stranger', 'GET', '/api/v1/namespaces/default/configmaps/secret-plans'));
    expect([stranger.statusCode, JSON.parse(stranger.text).reason]).toEqual([401, 'Unauthorized']);
    expect(audited.map((row) => [row.userName, row.code])).toEqual([['nobody', 403], ['', 401]]);
  });

  it('writes through decode, admission and the store, and answers single objects as text', async () => {
    const { transport, store } = setUp();
    const created = await transport.send(as('admin', 'POST', '/api/v1/namespaces/default/configmaps', configMap('made')));
    expect(created.statusCode).toBe(201);
    expect(JSON.parse(created.text)).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'made', uid: expect.any(String) } });
    expect(await store.get({ cluster: 'default', resource: 'configmaps', namespace: 'default', name: 'made' })).toMatchObject({ data: { a: '1' } });
    const invalid = await transport.send(as('admin', 'POST', '/api/v1/namespaces/default/configmaps', { ...configMap('Bad_Name') }));
    expect([invalid.statusCode, JSON.parse(invalid.text).reason]).toEqual([422, 'Invalid']);
  });

  it('streams a watch as events happen, and aborting it ends the server side of the watch', async () => {
    const { transport, listeners } = setUp();
    const { response, abort } = transport.stream(as('admin', 'GET', '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=100'));
    const reply = await response;
    expect(reply.statusCode).toBe(200);
    expect(listeners.size).toBe(1);
    const lines: string[] = [];
    reply.body.setEncoding('utf8');
    reply.body.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
    const object = { ...configMap('live'), metadata: { ...configMap('live').metadata, resourceVersion: '101' } };
    for (const listener of listeners) listener([{ revision: 101, type: 'ADDED', key: { cluster: 'default', resource: 'configmaps', namespace: 'default', name: 'live' }, object }]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => JSON.parse(line))).toEqual([{ type: 'ADDED', object }]);
    abort();
    await new Promise((resolve) => setImmediate(resolve));
    expect(listeners.size).toBe(0);
  });
});
