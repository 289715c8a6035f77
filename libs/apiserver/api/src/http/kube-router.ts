import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { StatusError } from '@drydock/util';
import type { Duplex } from 'node:stream';
import type { ResourceRegistry } from '@drydock/registry';
import { ClusterPath, DEFAULT_CLUSTER, splitClusterPath } from '../clusters/cluster-path';
import { writeUpgradeError } from '../kubelet/kubelet-proxy';
import { aggregatedContentType, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from '../discovery/discovery.builder';
import type { OpenApiService } from '../discovery/openapi.service';
import { type AuditLog, initAuditId, responseObjectName, sourceIps } from '../audit/audit';
import { Authenticator, authenticate, isPublicPath } from '../pipeline/authentication';
import { Authorizer, authorize, nonResourceAttributes } from '../pipeline/authorization';
import { impersonate } from '../pipeline/rbac/impersonation';
import { withRequestUser } from '../pipeline/rbac/request-user';
import type { UserInfo } from '../rest/request-context';
import { jwksPath, OidcDiscovery } from '../serviceaccount/oidc-discovery';
import { ResourceHandler, subresourceRest } from '../rest/resource.handler';
import type { PriorityAndFairness } from './flow-control/priority-and-fairness';
import type { ApiMetrics } from './metrics';
import { wantsAggregatedDiscovery } from './negotiation';
import { authorizedAs, RequestInfo, parseResourcePath } from './request-info';
import { sendObject, sendStatusError, sendText, toStatusError } from './response';
import { HealthCheck, serveHealth } from './health-checks';
import { ALL_CLUSTERS, isDatabaseUnreachable } from '@drydock/storage';

/** The resources and OpenAPI documents each logical cluster serves (clusters/cluster-registries.ts). */
export interface RegistryLookup {
  registry(cluster: string): ResourceRegistry;
  openApi(cluster: string): OpenApiService;
}

/** Which sandbox clusters exist (the default cluster always does). */
export interface ClusterDirectory {
  exists(cluster: string): Promise<boolean>;
}

export interface KubeRouterDeps {
  registries: RegistryLookup;
  resources: ResourceHandler;
  /** Absent: only the default cluster is served. */
  clusters?: ClusterDirectory;
  authenticator: Authenticator;
  authorizer: Authorizer;
  audit: AuditLog;
  metrics: ApiMetrics;
  logger: Logger;
  /** The checks of /readyz (health-checks.ts), in upstream's order. */
  readyz: HealthCheck[];
  serverAddress: string;
  /** Sign-in by name and password (public paths, for the dashboard's server). */
  signIn?: { handles(path: string): boolean; serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> };
  /** ServiceAccount issuer discovery (/.well-known/openid-configuration, /openid/v1/jwks). */
  oidc?: OidcDiscovery;
  /** API Priority and Fairness; absent: every request is served at once. */
  flowControl?: PriorityAndFairness;
}

interface RequestState {
  /** Audit-ID: the client's header, else a new UUID (answered as the `Audit-Id` header). */
  auditId?: string;
  user?: UserInfo;
  /** The authenticated user, kept for the audit when the request impersonates another. */
  requestor?: UserInfo;
  info?: RequestInfo;
}

/**
 * The database could not be reached: upstream's storage error interpreters answer ServerTimeout
 * (500, Retry-After: 2) for the verb and resource, so that clients retry instead of giving up.
 */
function unreachableStatus(info: RequestInfo | undefined): StatusError {
  return StatusError.serverTimeout({ group: info?.group ?? '', resource: info?.resource ?? '' }, info?.verb ?? 'request', 2);
}

/** /livez and /healthz: the process answers (the database's state is /readyz's, so that a restart is not the answer to an outage). */
const livenessChecks: HealthCheck[] = ['ping', 'log'].map((name) => ({ name, check: async () => undefined }));

const notFound = () => new StatusError(404, 'NotFound', 'the server could not find the requested resource');

/**
 * What `/clusters/*` serves: a list or watch of a resource collection across every cluster, nothing else (no
 * discovery, no single object, no write: each of those belongs to one cluster), as kcp's wildcard.
 */
function assertSpansClusters(info: RequestInfo | undefined): void {
  if (!info) throw notFound();
  if ((info.verb !== 'list' && info.verb !== 'watch') || info.subresource) throw StatusError.methodNotAllowed('only list and watch of a collection span every cluster (/clusters/*/...)');
}

/**
 * The request pipeline for the Kubernetes API: authentication → impersonation → priority and fairness → authorization → the
 * endpoint (discovery, OpenAPI, or a resource verb, where admission and the generic store run).
 */
export class KubeRouter {
  constructor(private readonly deps: KubeRouterDeps) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'https://drydock.local');
    const state: RequestState = { auditId: initAuditId(req, res) };
    try {
      await this.route(req, res, url, state);
    } catch (error) {
      const status = isDatabaseUnreachable(error) ? unreachableStatus(state.info) : toStatusError(error);
      if (status.code >= 500 && status.reason === 'InternalError') this.deps.logger.error({ err: error, path: url.pathname }, 'internal error');
      sendStatusError(res, status);
    } finally {
      this.observe(req, res, url, state, started);
    }
  }

  /**
   * WebSocket upgrades: a subresource whose definition registered a connecting REST object (upstream's
   * rest.Connecter, e.g. pods/exec), after the same authentication and authorization as any request
   * (verb create, as upstream authorizes exec). Anything else is refused on the raw socket.
   */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://drydock.local');
    try {
      const target = await this.cluster(url.pathname);
      if (target.cluster === ALL_CLUSTERS) throw notFound();
      const requestor = await authenticate(this.deps.authenticator, req, target.cluster);
      const user = impersonate(this.deps.authorizer, requestor, req, DEFAULT_CLUSTER);
      const info = parseResourcePath('GET', target.path, url.searchParams, target.cluster);
      if (!info?.subresource) throw notFound();
      info.verb = 'create';
      const def = this.deps.resources.resolve(info);
      const rest = subresourceRest(def, info.subresource);
      if (!rest?.connect) throw notFound();
      authorize(this.deps.authorizer, user, info);
      const namespace = def.namespaced ? info.namespace : '';
      await rest.connect({ def, cluster: info.cluster, namespace, name: info.name, query: url.searchParams, req }, socket, head);
      this.deps.audit.record({ method: 'GET', url, user, requestor: user === requestor ? undefined : requestor, info, code: 101, latencyMs: 0, userAgent: req.headers['user-agent'], sourceIps: sourceIps(req) });
    } catch (error) {
      writeUpgradeError(socket, toStatusError(error));
    }
  }

  private observe(req: IncomingMessage, res: ServerResponse, url: URL, state: RequestState, started: number): void {
    const latencyMs = performance.now() - started;
    const labels = { verb: state.info?.verb ?? (req.method ?? '').toLowerCase(), group: state.info?.group ?? '', resource: state.info?.resource ?? '' };
    this.deps.metrics.requests.inc({ ...labels, code: String(res.statusCode) });
    if (labels.verb !== 'watch') this.deps.metrics.latency.observe(labels, latencyMs / 1000);
    if (state.user || res.statusCode === 401) this.deps.audit.record({ method: req.method ?? '', url, user: state.user, requestor: state.requestor, info: state.info, code: res.statusCode, latencyMs, userAgent: req.headers['user-agent'], sourceIps: sourceIps(req), auditId: state.auditId, responseObjectName: responseObjectName(res) });
  }

  /**
   * The logical cluster a path addresses and the path within it: `/clusters/<name>/...` for a sandbox, which
   * must exist (404 with a Status otherwise, as for any path nothing serves), anything else the default cluster.
   * `/clusters/*` is every cluster at once (kcp's wildcard): lists and watches only (see route).
   */
  private async cluster(pathname: string): Promise<ClusterPath> {
    const target = splitClusterPath(pathname);
    if (!target) throw notFound();
    if (target.cluster === DEFAULT_CLUSTER || (target.cluster === ALL_CLUSTERS && this.deps.clusters)) return target;
    if (!this.deps.clusters || !(await this.deps.clusters.exists(target.cluster))) {
      throw StatusError.notFound({ group: 'drydock.dev', resource: 'clusters' }, target.cluster);
    }
    return target;
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL, state: RequestState): Promise<void> {
    const target = await this.cluster(url.pathname);
    const path = target.path.length > 1 ? target.path.replace(/\/+$/, '') : target.path;
    if (isPublicPath(path)) return this.publicEndpoint(res, path, url.searchParams);
    if (target.cluster === DEFAULT_CLUSTER && this.deps.signIn?.handles(path)) return this.deps.signIn.serve(req, res, path);
    const parse = () => parseResourcePath(req.method ?? 'GET', path, url.searchParams, target.cluster);
    // What the request asks for is known before who asks (upstream's WithRequestInfo runs before authentication),
    // so the audit records a request refused with 401 with its resource and namespace too. A method nothing
    // serves is still refused only after authentication, below.
    try {
      state.info = parse();
    } catch {
      state.info = undefined;
    }
    state.user = await authenticate(this.deps.authenticator, req, target.cluster);
    const effective = impersonate(this.deps.authorizer, state.user, req, DEFAULT_CLUSTER);
    if (effective !== state.user) [state.requestor, state.user] = [state.user, effective];
    const info = parse();
    state.info = info;
    const user = state.user;
    const cluster = target.cluster;
    if (cluster === ALL_CLUSTERS) assertSpansClusters(info);
    if (!this.deps.flowControl) return this.serve(req, res, url, { cluster, path }, state, user, info);
    // Every cluster at once is classified by the default cluster's FlowSchemas (it has no objects of its own).
    const digest = { cluster: cluster === ALL_CLUSTERS ? DEFAULT_CLUSTER : cluster, user, info, verb: (req.method ?? 'GET').toLowerCase(), path };
    await this.deps.flowControl.handle(res, digest, () => this.serve(req, res, url, { cluster, path }, state, user, info));
  }

  /** The authorized endpoint of an authenticated request. */
  private async serve(req: IncomingMessage, res: ServerResponse, url: URL, target: ClusterPath, state: RequestState, user: UserInfo, info: RequestInfo | undefined): Promise<void> {
    const { cluster, path } = target;
    if (!info) {
      // A non-resource request (discovery, OpenAPI, /metrics): authorized by its path, as upstream.
      authorize(this.deps.authorizer, user, nonResourceAttributes(req.method ?? 'GET', path, cluster));
      if (path === '/metrics' && cluster === DEFAULT_CLUSTER) return sendText(res, 200, await this.deps.metrics.registry.metrics());
      if (path === '/debug/api_priority_and_fairness/dump_priority_levels' && req.method === 'GET' && this.deps.flowControl) return sendText(res, 200, this.deps.flowControl.dumpPriorityLevels(cluster));
      if (path.startsWith('/openapi/')) return this.deps.registries.openApi(cluster).serve(req, res, path, url.searchParams);
      const oidc = req.method === 'GET' && cluster === DEFAULT_CLUSTER ? await this.deps.oidc?.document(path) : undefined;
      if (oidc) return sendObject(res, 200, oidc, { contentType: path === jwksPath ? 'application/jwk-set+json' : 'application/json' });
      if (req.method === 'GET' && this.discovery(req, res, path, this.deps.registries.registry(cluster))) return;
      throw notFound();
    }
    const def = this.deps.resources.resolve(info);
    authorize(this.deps.authorizer, user, authorizedAs(info, url.searchParams));
    await withRequestUser(user, () => this.deps.resources.handle(req, res, info, def, url.searchParams, user));
  }

  private async publicEndpoint(res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    if (path === '/version') return sendObject(res, 200, versionInfo());
    const [endpoint, ...check] = path.slice(1).split('/');
    await serveHealth(res, endpoint, endpoint === 'readyz' ? this.deps.readyz : livenessChecks, check.join('/'), query);
  }

  /** Discovery documents; returns false when the path is not a discovery path. */
  private discovery(req: IncomingMessage, res: ServerResponse, path: string, registry: ResourceRegistry): boolean {
    const aggregated = wantsAggregatedDiscovery(req.headers.accept);
    const parts = path.split('/').filter(Boolean);
    if (path === '/api' || path === '/apis') {
      const core = path === '/api';
      if (aggregated) sendObject(res, 200, aggregatedDiscovery(registry, core, aggregated), { contentType: aggregatedContentType(aggregated) });
      else sendObject(res, 200, core ? apiVersions(this.deps.serverAddress) : apiGroupList(registry));
      return true;
    }
    let body: Record<string, unknown> | undefined;
    if (parts[0] === 'api' && parts.length === 2) body = apiResourceList(registry, '', parts[1]);
    else if (parts[0] === 'apis' && parts.length === 2) body = apiGroup(registry, parts[1]);
    else if (parts[0] === 'apis' && parts.length === 3) body = apiResourceList(registry, parts[1], parts[2]);
    else return false;
    if (!body) throw notFound();
    sendObject(res, 200, body);
    return true;
  }
}
