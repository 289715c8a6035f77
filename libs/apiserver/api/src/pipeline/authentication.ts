import type { IncomingMessage } from 'node:http';
import { StatusError } from '@drydock/util';
import { tokenMatches } from '../security/pki';
import type { UserInfo } from '../rest/request-context';

/**
 * Upstream's authenticator.Token: one way of recognising a bearer token (the admin token, user API
 * tokens, ServiceAccount JWTs). Undefined means "not mine"; the union asks the next one.
 */
export interface TokenAuthenticator {
  authenticateToken(token: string): Promise<UserInfo | undefined>;
}

/** The request-level authenticator the router, the reviews and GraphQL share. */
export interface Authenticator {
  /** The user a bearer token stands for, or undefined when no authenticator accepts it. */
  authenticateToken(token: string): Promise<UserInfo | undefined>;
}

/** `Bearer <token>` → the token, or undefined. */
export function bearerTokenOf(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** The admin token from the kubeconfig, checked against its stored SHA-256 hash. */
export class AdminTokenAuthenticator implements TokenAuthenticator {
  constructor(private readonly adminTokenHash: string) {}

  async authenticateToken(token: string): Promise<UserInfo | undefined> {
    if (!tokenMatches(token, this.adminTokenHash)) return undefined;
    return { name: 'drydock-admin', groups: ['system:masters', 'system:authenticated'] };
  }
}

/** Upstream's union token authenticator: the first that recognises the token answers. */
export class UnionAuthenticator implements Authenticator {
  constructor(private readonly authenticators: TokenAuthenticator[]) {}

  async authenticateToken(token: string): Promise<UserInfo | undefined> {
    for (const authenticator of this.authenticators) {
      const user = await authenticator.authenticateToken(token);
      if (user) return user;
    }
    return undefined;
  }
}

/** Paths upstream serves to anonymous users (system:public-info-viewer). */
const publicPaths = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/']);

export function isPublicPath(path: string): boolean {
  return publicPaths.has(path) || path.startsWith('/healthz/') || path.startsWith('/livez/') || path.startsWith('/readyz/');
}

/** The request's user; 401 Unauthorized (upstream's bare Status) when its token is missing or unknown. */
export async function authenticate(authenticator: Authenticator, req: Pick<IncomingMessage, 'headers'>): Promise<UserInfo> {
  const token = bearerTokenOf(req);
  const user = token ? await authenticator.authenticateToken(token) : undefined;
  if (!user) throw StatusError.unauthorized();
  return user;
}
