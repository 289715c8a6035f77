import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordResponseObjectName } from '../audit/audit';
import type { KubeObject } from '@drydock/util';
import { StatusError, isPlainObject } from '@drydock/util';
import { ResourceDefinition, ResourceRegistry, SubresourceRest, apiVersionOf, qualifiedResource } from '@drydock/registry';
import type { RequestInfo } from '../http/request-info';
import { decodeObjectBody, readBody } from '../http/body';
import { negotiateFormat } from '../http/negotiation';
import { sendList, sendObject } from '../http/response';
import { serveWatch } from '../watch/watch-stream';
import { parseDeleteOptions } from './delete-options';
import { GenericStore } from './generic-store';
import { listBody } from './list.handler';
import { applyPatch, patchTypeOf } from './patch';
import { applyServerSidePatch } from './server-side-apply';
import { fromScale, toScale } from './scale';
import type { Authenticator } from '../pipeline/authentication';
import type { Authorizer } from '../pipeline/authorization';
import type { UserInfo } from './request-context';
import { answerReview } from './reviews';
import { parseIncludeObject, toTable } from './table-convertor';
import { parseWriteParams } from './write-params';

/** Serves one resource request (any verb, main resource or subresource) after the pipeline admitted it. */
export class ResourceHandler {
  constructor(
    private readonly registries: { registry(cluster: string): ResourceRegistry },
    private readonly generic: GenericStore,
    private readonly authenticator: Authenticator,
    private readonly authorizer: Authorizer,
  ) {}

  resolve(info: RequestInfo): ResourceDefinition {
    const def = this.registries.registry(info.cluster).lookup(info.group, info.version, info.resource);
    if (!def || (info.namespace && !def.namespaced)) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const needsNamespace = def.namespaced && !info.namespace && !['list', 'watch'].includes(info.verb);
    if (needsNamespace) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    if (info.subresource && !this.servesSubresource(def, info.subresource)) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    return def;
  }

  private servesSubresource(def: ResourceDefinition, sub: string): boolean {
    if (sub === 'status') return !!def.subresources?.status;
    if (sub === 'scale') return !!def.subresources?.scale;
    return subresourceRest(def, sub) !== undefined;
  }

  async handle(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, query: URLSearchParams, user: UserInfo): Promise<void> {
    const namespace = def.namespaced ? info.namespace : '';
    const rest = subresourceRest(def, info.subresource);
    if (rest) return this.serveSubresource(req, res, info, def, namespace, query, rest);
    if (def.computed) return this.serveComputed(req, res, info, def, namespace, query);
    switch (info.verb) {
      case 'get':
        return this.get(req, res, info, def, namespace, query);
      case 'list':
        return this.list(req, res, info, def, namespace, query);
      case 'watch':
        return this.watch(req, res, info, def, namespace, query);
      case 'create':
        if (def.review) return this.review(req, res, info, def, namespace, user);
        return this.create(req, res, info, def, namespace, query);
      case 'update':
        return this.update(req, res, info, def, namespace, query);
      case 'patch':
        return this.patch(req, res, info, def, namespace, query);
      case 'delete':
        return this.delete(req, res, info, def, namespace, query);
      case 'deletecollection':
        return this.deleteCollection(req, res, info, def, namespace, query);
      default:
        throw StatusError.methodNotAllowed(`verb ${info.verb} is not supported`);
    }
  }

  private respond(req: IncomingMessage, res: ServerResponse, def: ResourceDefinition, code: number, object: KubeObject, query: URLSearchParams, warnings: string[] = []): void {
    const format = negotiateFormat(req.headers.accept);
    if (format.table && object.kind === def.kind) {
      sendObject(res, code, toTable(def, [object], { include: parseIncludeObject(query.get('includeObject')), resourceVersion: object.metadata.resourceVersion }), { warnings });
    } else {
      sendObject(res, code, object, { yaml: format.yaml, warnings });
    }
  }

  private async watch(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, query: URLSearchParams): Promise<void> {
    const { source, request } = this.generic.watch(def, info.cluster, namespace, query);
    const table = negotiateFormat(req.headers.accept).table ? { include: parseIncludeObject(query.get('includeObject')) } : undefined;
    return serveWatch(req, res, source, { ...request, table });
  }

  private async get(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, query: URLSearchParams): Promise<void> {
    const object = await this.generic.get(def, info.cluster, namespace, info.name);
    this.respond(req, res, def, 200, info.subresource === 'scale' ? toScale(def, object) : object, query);
  }

  /** A subresource with its own REST object (its definition registered it): GET, POST and PUT go to that object. */
  private async serveSubresource(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, query: URLSearchParams, rest: SubresourceRest): Promise<void> {
    const call = { def, cluster: info.cluster, namespace, name: info.name, query, req };
    if (rest.proxy) return rest.proxy(call, res);
    if (info.verb === 'get' && rest.get) {
      const reply = await rest.get(call, res);
      if (reply) sendObject(res, reply.code, reply.body);
      return;
    }
    const write = info.verb === 'create' ? rest.create : info.verb === 'update' ? rest.update : undefined;
    if (write) {
      const raw = await readBody(req);
      const body = (raw.length === 0 && rest.acceptsEmptyBody ? {} : decodeObjectBody(req.headers['content-type'], raw)) as KubeObject;
      body.metadata ??= {};
      const reply = await write.call(rest, call, body);
      return sendObject(res, reply.code, reply.body, { yaml: reply.yaml });
    }
    if (info.verb === 'delete' && rest.delete) {
      const reply = await rest.delete(call);
      return sendObject(res, reply.code, reply.body);
    }
    if (info.verb === 'delete') throw StatusError.methodNotAllowed('DELETE is not supported on subresources');
    throw StatusError.methodNotAllowed(`${req.method} is not supported on this path`);
  }

  /** A resource that is computed, not stored (metrics.k8s.io): get and list go to its REST object. */
  private async serveComputed(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, query: URLSearchParams): Promise<void> {
    const rest = def.computed?.rest;
    if (!rest) throw new StatusError(503, 'ServiceUnavailable', `the server is currently unable to handle the request (${info.verb} ${qualifiedResource(def)})`);
    const call = { cluster: info.cluster, namespace, name: info.name, query };
    if (info.verb === 'get') return this.respond(req, res, def, 200, await rest.get(call), query);
    if (info.verb !== 'list') throw StatusError.methodNotAllowed('the server does not allow this method on the requested resource');
    const { items, continue: continueToken } = await rest.list(call);
    if (negotiateFormat(req.headers.accept).table) return sendObject(res, 200, toTable(def, items, { include: parseIncludeObject(query.get('includeObject')), continueToken }));
    sendObject(res, 200, { kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: continueToken ? { continue: continueToken } : {}, items }, { yaml: negotiateFormat(req.headers.accept).yaml });
  }

  private async list(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, query: URLSearchParams): Promise<void> {
    const page = await this.generic.list(def, info.cluster, namespace, query);
    const format = negotiateFormat(req.headers.accept);
    if (format.table) {
      sendObject(res, 200, toTable(def, page.items, { include: parseIncludeObject(query.get('includeObject')), resourceVersion: page.resourceVersion, continueToken: page.continueToken }));
    } else {
      sendList(res, listBody(def, page), { yaml: format.yaml });
    }
  }

  private async readObject(req: IncomingMessage, def: ResourceDefinition, info: RequestInfo): Promise<KubeObject> {
    const body = decodeObjectBody(req.headers['content-type'], await readBody(req)) as KubeObject;
    const expected = info.subresource === 'scale' ? { apiVersion: 'autoscaling/v1', kind: 'Scale' } : { apiVersion: apiVersionOf(def), kind: def.kind };
    if (body.kind !== undefined && body.kind !== expected.kind) {
      throw StatusError.badRequest(`${String(body.kind)} in version "${String(body.apiVersion ?? '')}" cannot be handled as a ${expected.kind}: the kind in the body does not match the URL`);
    }
    if (body.apiVersion !== undefined && body.apiVersion !== expected.apiVersion) {
      throw StatusError.badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected.apiVersion})`);
    }
    if (body.metadata !== undefined && !isPlainObject(body.metadata)) throw StatusError.badRequest('metadata must be an object');
    body.metadata ??= {};
    return body;
  }

  private async create(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, query: URLSearchParams): Promise<void> {
    if (info.name || info.subresource) throw StatusError.methodNotAllowed('POST is not supported on this path');
    const body = await this.readObject(req, def, info);
    const params = parseWriteParams(query, String(req.headers['user-agent'] ?? ''));
    const result = await this.generic.create(def, info.cluster, namespace, body, params);
    recordResponseObjectName(res, result.object.metadata.name);
    this.respond(req, res, def, 201, result.object, query, result.warnings);
  }

  private async review(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, user: UserInfo): Promise<void> {
    const body = await this.readObject(req, def, info);
    sendObject(res, 201, await answerReview(def, body, namespace, user, this.authenticator, this.authorizer, info.cluster));
  }

  private async update(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, query: URLSearchParams): Promise<void> {
    const body = await this.readObject(req, def, info);
    const params = parseWriteParams(query, String(req.headers['user-agent'] ?? ''));
    const scale = info.subresource === 'scale';
    if (body.metadata.name && body.metadata.name !== info.name) {
      throw StatusError.badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${info.name})`);
    }
    const result = await this.generic.update(def, info.cluster, namespace, info.name, params, (current) => (scale ? fromScale(def, current!, body) : body), { subresource: scale ? undefined : info.subresource || undefined });
    this.respond(req, res, def, 200, scale ? toScale(def, result.object) : result.object, query, result.warnings);
  }

  private async patch(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, query: URLSearchParams): Promise<void> {
    const type = patchTypeOf(req.headers['content-type'], def);
    const body = await readBody(req);
    const params = parseWriteParams(query, String(req.headers['user-agent'] ?? ''));
    if (type === 'apply') {
      const result = await applyServerSidePatch(this.generic, def, info, namespace, body, params, query);
      return this.respond(req, res, def, result.created ? 201 : 200, result.object, query, result.warnings);
    }
    const scale = info.subresource === 'scale';
    const result = await this.generic.update(def, info.cluster, namespace, info.name, params, (current) => {
      if (!scale) return applyPatch(def, type, current!, body);
      return fromScale(def, current!, applyPatch(def, type === 'strategic' ? 'merge' : type, toScale(def, current!), body));
    }, { subresource: scale ? undefined : info.subresource || undefined, mutateReadsOnly: !scale, ownResult: !scale });
    this.respond(req, res, def, 200, scale ? toScale(def, result.object) : result.object, query, result.warnings);
  }

  private async deleteBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
    const raw = await readBody(req);
    return raw.length ? decodeObjectBody(req.headers['content-type'] ?? 'application/json', raw) : undefined;
  }

  private async delete(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, query: URLSearchParams): Promise<void> {
    if (info.subresource) throw StatusError.methodNotAllowed('DELETE is not supported on subresources');
    const options = parseDeleteOptions(await this.deleteBody(req), query);
    const result = await this.generic.delete(def, info.cluster, namespace, info.name, options);
    // Upstream's DeleteResource: 202 only when the object stays and the client asked for cascading with orphanDependents=false.
    this.respond(req, res, def, !result.deleted && options.orphanDependents === false ? 202 : 200, result.object, query);
  }

  private async deleteCollection(req: IncomingMessage, res: ServerResponse, info: RequestInfo, def: ResourceDefinition, namespace: string, query: URLSearchParams): Promise<void> {
    const options = parseDeleteOptions(await this.deleteBody(req), query);
    const page = await this.generic.deleteCollection(def, info.cluster, namespace, query, options);
    sendObject(res, 200, listBody(def, page));
  }
}

/** The REST object a definition registered for a subresource, if any. */
export function subresourceRest(def: ResourceDefinition, subresource: string): SubresourceRest | undefined {
  if (!subresource) return undefined;
  return def.subresources?.extra?.find((entry) => entry.name === subresource)?.rest;
}
