import type { IncomingMessage } from 'node:http';
import { deepCopy, StatusError } from '@drydock/util';
import { hashToken, tokenMatches } from '../security/pki';
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

/**
 * The user's `extra` key naming the logical cluster a credential belongs to (a sandbox's ServiceAccount
 * tokens, a node's credentials): such a user is authenticated in that cluster only, as a token of
 * another cluster's issuer is no credential at all (kcp's cluster-scoped service accounts).
 */
export const CREDENTIAL_CLUSTER_EXTRA = 'authentication.drydock.dev/cluster';

/** Whether `user`'s credential may be used in `cluster` (credentials without a cluster are valid in all). */
export function credentialValidIn(user: UserInfo, cluster: string): boolean {
  const bound = user.extra?.[CREDENTIAL_CLUSTER_EXTRA]?.[0];
  return bound === undefined || bound === cluster;
}

/** One line of the known-tokens file: a token's SHA-256, the user, uid and groups. */
export interface KnownToken {
  tokenHash: string;
  user: UserInfo;
}

/**
 * Upstream's static token file (`--token-auth-file`, `token,user,uid,"group1,group2"`), with the
 * token's SHA-256 in place of the token: Drydock's own components (kube-scheduler,
 * kube-controller-manager, the node simulator), whose tokens live only in their kubeconfigs.
 */
export function parseKnownTokens(text: string): KnownToken[] {
  const tokens: KnownToken[] = [];
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64}),([^,]+),([^,]*)(?:,"?([^"]*)"?)?\s*$/.exec(line.trim());
    if (!match) continue;
    const [, tokenHash, name, uid, groups] = match;
    const user: UserInfo = { name, groups: [...(groups ? groups.split(',').filter(Boolean) : []), 'system:authenticated'] };
    if (uid) user.uid = uid;
    tokens.push({ tokenHash, user });
  }
  return tokens;
}

/** The known-tokens file's line for a token (the file stores the hash, never the token). */
export function knownTokenLine(token: string, name: string, groups: string[] = []): string {
  return `${hashToken(token)},${name},,"${groups.join(',')}"`;
}

/** The known tokens, looked up by their hash. */
export class StaticTokenAuthenticator implements TokenAuthenticator {
  private readonly byHash: Map<string, UserInfo>;

  constructor(tokens: KnownToken[]) {
    this.byHash = new Map(tokens.map((known) => [known.tokenHash, known.user]));
  }

  async authenticateToken(token: string): Promise<UserInfo | undefined> {
    if (this.byHash.size === 0) return undefined;
    const user = this.byHash.get(hashToken(token));
    return user && { ...user, groups: [...user.groups] };
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

/** Tokens remembered by a StatelessTokenCache (the least recently used is forgotten first). */
const maxRememberedTokens = 4096;

/**
 * Remembers the answers of authenticators whose answer depends on the token alone (the admin token's
 * hash, the known tokens, the node credential key: fixed while the server runs), including "not
 * mine", so that a token is hashed and MACed once, not on every request (the union asked all three
 * of every request under bench:scale: 2.6 % of the API server's CPU). Answers are exact, not aged:
 * nothing these authenticators read can change. Each call gets its own copy of the user.
 */
export class StatelessTokenCache implements TokenAuthenticator {
  private readonly answers = new Map<string, UserInfo | null>();
  private readonly union: UnionAuthenticator;

  constructor(authenticators: TokenAuthenticator[]) {
    this.union = new UnionAuthenticator(authenticators);
  }

  async authenticateToken(token: string): Promise<UserInfo | undefined> {
    let answer = this.answers.get(token);
    if (answer === undefined) {
      answer = (await this.union.authenticateToken(token)) ?? null;
      if (this.answers.size >= maxRememberedTokens) this.answers.delete(this.answers.keys().next().value!);
    } else {
      this.answers.delete(token);
    }
    this.answers.set(token, answer);
    return answer ? deepCopy(answer) : undefined;
  }
}

/** Paths upstream serves to anonymous users (system:public-info-viewer). */
const publicPaths = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/']);

export function isPublicPath(path: string): boolean {
  return publicPaths.has(path) || path.startsWith('/healthz/') || path.startsWith('/livez/') || path.startsWith('/readyz/');
}

/**
 * The request's user; 401 Unauthorized (upstream's bare Status) when its token is missing or unknown,
 * or is a credential of another logical cluster than the one the request addresses.
 */
export async function authenticate(authenticator: Authenticator, req: Pick<IncomingMessage, 'headers'>, cluster = 'default'): Promise<UserInfo> {
  const token = bearerTokenOf(req);
  const user = token ? await authenticator.authenticateToken(token) : undefined;
  if (!user || !credentialValidIn(user, cluster)) throw StatusError.unauthorized();
  return user;
}
