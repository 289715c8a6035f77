import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { KubeObject } from '@drydock/util';
import { ResourceDefinition, ResourceRegistry, SubresourceCall, SubresourceRest } from '@drydock/registry';
import { MemoryObjectStore } from '@drydock/testing';
import { OpenApiService } from '../discovery/openapi.service';
import { Admission } from '../pipeline/admission';
import { AuditLog } from '../audit/audit';
import { MastersAuthorizer } from '../pipeline/authorization';
import { GenericStore } from '../rest/generic-store';
import { ResourceHandler } from '../rest/resource.handler';
import { KubeRouter } from './kube-router';
import { ApiMetrics } from './metrics';

const params = { dryRun: false, fieldManager: 'test', fieldValidation: 'Ignore' as const };

/** A made-up subresource: POST polishes the widget (a write through the generic store), GET reports its shine. */
function polishRest(generic: GenericStore): SubresourceRest {
  return {
    async create({ def, cluster, namespace, name }: SubresourceCall, body: KubeObject) {
      const { object } = await generic.update(def, cluster, namespace, name, params, (current) => ({ ...current!, shine: Number(body.level ?? 1) }), { subresource: 'polish' });
      return { code: 201, body: { kind: 'Polish', apiVersion: 'example.com/v1', widget: object.metadata.name, shine: object.shine } };
    },
    async get({ def, cluster, namespace, name }: SubresourceCall) {
      const widget = await generic.get(def, cluster, namespace, name);
      return { code: 200, body: { kind: 'Polish', apiVersion: 'example.com/v1', widget: name, shine: widget.shine ?? 0 } };
    },
  };
}

function widgets(generic: GenericStore): ResourceDefinition {
  return {
    group: 'example.com',
    version: 'v1',
    kind: 'Widget',
    resource: 'widgets',
    singular: 'widget',
    namespaced: true,
    subresources: { extra: [{ name: 'polish', kind: 'Polish', verbs: ['create', 'get'], rest: polishRest(generic) }] },
    strategy: { validate: () => [] },
  };
}

describe('a subresource registered by its definition alone', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const store = new MemoryObjectStore();
    const generic = new GenericStore(store, Admission.none);
    const registry = new ResourceRegistry([widgets(generic)]);
    const authenticator = { authenticateToken: async () => ({ name: 'admin', groups: ['system:masters'] }) };
    const authorizer = new MastersAuthorizer();
    const logger = pino({ level: 'silent' });
    const openapi = new OpenApiService(registry);
    const registries = { registry: () => registry, openApi: () => openapi };
    const router = new KubeRouter({
      registries,
      resources: new ResourceHandler(registries, generic, authenticator, authorizer),
      authenticator,
      authorizer,
      audit: new AuditLog(logger),
      metrics: new ApiMetrics(),
      logger,
      readyz: [],
      serverAddress: '127.0.0.1',
    });
    server = createServer((req, res) => void router.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/apis/example.com/v1`;
    await generic.create(registry.lookup('example.com', 'v1', 'widgets')!, 'default', 'default', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' } }, params);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const auth = { authorization: 'Bearer admin' };
  const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('serves POST and GET through the real router and handler', async () => {
    const created = await post('/namespaces/default/widgets/w1/polish', { kind: 'Polish', level: 3 });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ kind: 'Polish', apiVersion: 'example.com/v1', widget: 'w1', shine: 3 });
    const read = await fetch(`${base}/namespaces/default/widgets/w1/polish`, { headers: auth });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ widget: 'w1', shine: 3 });
  });

  it('lists it in discovery', async () => {
    const list = (await (await fetch(base, { headers: auth })).json()) as { resources: { name: string; verbs: string[] }[] };
    expect(list.resources).toContainEqual(expect.objectContaining({ name: 'widgets/polish', kind: 'Polish', verbs: ['create', 'get'] }));
  });

  it('answers a verb the subresource lacks with 405 and an unregistered subresource with 404', async () => {
    const put = await fetch(`${base}/namespaces/default/widgets/w1/polish`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    expect(put.status).toBe(405);
    expect(await put.json()).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed' });
    const missing = await post('/namespaces/default/widgets/w1/sand', {});
    expect(missing.status).toBe(404);
  });

  it('answers the parent object missing with the resource\'s 404', async () => {
    const read = await fetch(`${base}/namespaces/default/widgets/nope/polish`, { headers: auth });
    expect(read.status).toBe(404);
    expect(await read.json()).toMatchObject({ reason: 'NotFound', message: 'widgets.example.com "nope" not found' });
  });
});
