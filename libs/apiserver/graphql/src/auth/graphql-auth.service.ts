import { createHash } from 'node:crypto';
import { ApiError, resources } from '@drydock/client';
import { AccessReviewer, NamespaceDirectory } from '../access/access-reviewer';
import { CallerKube } from '../kube/caller-kube';
import type { ImpersonationHeaders, KubeApiClient } from '../kube/kube-api.client';
import { ClusterLoader } from '../loaders/cluster.loader';
import type { GraphqlContext, GraphqlUser } from '../graphql-context';

// Short: a revoked token or a closed dashboard session must stop working within about a second.
const CACHE_MS = 1_000;

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
const FIRST_OPERATION = /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/**
 * The operation a POST body names: its `operationName`, else the name of the document's first operation
 * (undefined for an anonymous one). Only a GraphQL name is taken, so nothing else reaches the audit log.
 */
export function operationNameOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { operationName, query } = body as { operationName?: unknown; query?: unknown };
  if (typeof operationName === 'string' && NAME.test(operationName)) return operationName;
  return typeof query === 'string' ? FIRST_OPERATION.exec(query)?.[1] : undefined;
}

/** `Bearer <token>` → the token, or undefined. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Authenticates GraphQL callers with the API server's own authenticator: a SelfSubjectReview made
 * with the caller's token through the REST pipeline (401 there is 401 here). Answers are cached for a
 * second per token, so a busy dashboard does not review its token on every request.
 */
export class GraphqlAuthService {
  private readonly cache = new Map<string, { user: GraphqlUser; until: number }>();

  constructor(
    private readonly api: KubeApiClient,
    private readonly directory?: NamespaceDirectory,
  ) {}

  /**
   * The caller, or undefined when the token is missing or not accepted. With Impersonate-* headers the
   * review answers the impersonated user, or 403 when the token's user may not impersonate (thrown).
   */
  async authenticate(token: string | undefined, impersonation?: ImpersonationHeaders): Promise<GraphqlUser | undefined> {
    if (!token) return undefined;
    const key = createHash('sha256').update(token).update(JSON.stringify(impersonation ?? null)).digest('hex');
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.user;
    try {
      const review = await this.api.request<{ status?: { userInfo?: { username?: string; groups?: string[] } } }>({ token, impersonation }, {
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {} },
      });
      const user = { name: review.status?.userInfo?.username ?? '', groups: review.status?.userInfo?.groups ?? [] };
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(key, { user, until: Date.now() + CACHE_MS });
      return user;
    } catch (error) {
      if (error instanceof ApiError && error.code === 401) return undefined;
      throw error;
    }
  }

  /** A fresh context (and so a fresh loader) per GraphQL operation; a subscription's loader forgets its lists after a second. */
  /** `reachable`: all-namespaces reads RBAC refuses are answered per reachable namespace (REACHABLE_NAMESPACES_HEADER). */
  /** `cluster`: the logical cluster whose REST API the operation calls (a sandbox's `/clusters/<name>`; default: the default one). */
  /** `operation`: the operation's name, for the audit (Caller.operation). */
  contextFor(token: string, user: GraphqlUser, options: { subscription?: boolean; impersonation?: ImpersonationHeaders; reachable?: boolean; cluster?: string; operation?: string } = {}): GraphqlContext {
    const cluster = options.cluster && options.cluster !== 'default' ? options.cluster : undefined;
    const kube = new CallerKube(this.api, { token, impersonation: options.impersonation, cluster, operation: options.operation });
    // Each needs the other: the reviewer lists namespaces through the loader, the loader asks the reviewer where the caller may go.
    const access: AccessReviewer = new AccessReviewer(kube, user, this.directory, () => loader.list(resources.namespaces));
    const reachable = async (): Promise<string[]> => (await access.reachableNamespaces()).map((namespace) => namespace.metadata.name ?? '');
    const loader: ClusterLoader = new ClusterLoader(kube, options.subscription ? 1_000 : Infinity, options.reachable ? reachable : undefined);
    return { user, kube, access, loader, reachableScope: options.reachable === true };
  }
}
