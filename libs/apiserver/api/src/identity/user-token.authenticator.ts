import type { TokenAuthenticator } from '../pipeline/authentication';
import type { UserInfo } from '../rest/request-context';
import { hashToken } from '../security/pki';
import { credentialKindOf } from './credential-token';
import { groupsOf, UserDirectory } from './user-directory';

/** A credential's owner and end, as stored. `id` is set for API tokens (their last use is recorded). */
export interface CredentialGrant {
  userName: string;
  createdAt: Date;
  expiresAt: Date | null;
  id?: string;
}

export interface CredentialLookup {
  /** The grant of an API token's hash. */
  apiToken(hash: string): Promise<CredentialGrant | undefined>;
  /** The grant of a dashboard session token's hash. */
  session(hash: string): Promise<CredentialGrant | undefined>;
}

/**
 * How long a looked-up grant is reused. A revoked or signed-out credential is refused by this server at
 * once (revocation clears the cache) and by any other API server within this time.
 */
export const grantCacheMs = 500;
const maxCached = 10_000;

/**
 * Users' API tokens and dashboard sessions (upstream's authenticator.Token for them): the user name,
 * with the user's teams and `system:authenticated` as groups. Undefined for a token that is not one
 * of these (the union asks the next authenticator), expired, revoked, or whose User is gone.
 */
export class UserTokenAuthenticator implements TokenAuthenticator {
  private readonly cache = new Map<string, { grant: CredentialGrant; until: number }>();

  constructor(
    private readonly lookup: CredentialLookup,
    private readonly users: UserDirectory,
    private readonly onUse: (tokenId: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticateToken(token: string): Promise<UserInfo | undefined> {
    const kind = credentialKindOf(token);
    if (kind !== 'apiToken' && kind !== 'session') return undefined;
    const grant = await this.grant(kind, hashToken(token));
    if (!grant || (grant.expiresAt && grant.expiresAt.getTime() <= this.now())) return undefined;
    const user = await this.users.find(grant.userName);
    // A credential older than its User object belonged to an earlier user of that name (deleted since).
    if (!user || grant.createdAt.getTime() < Date.parse(user.metadata.creationTimestamp ?? '')) return undefined;
    if (grant.id) this.onUse(grant.id);
    return { name: grant.userName, groups: groupsOf(user) };
  }

  /** Forget every cached grant: called whenever a token is revoked or a session closed here. */
  invalidate(): void {
    this.cache.clear();
  }

  private async grant(kind: 'apiToken' | 'session', hash: string): Promise<CredentialGrant | undefined> {
    const cached = this.cache.get(hash);
    if (cached && cached.until > this.now()) return cached.grant;
    const grant = kind === 'apiToken' ? await this.lookup.apiToken(hash) : await this.lookup.session(hash);
    if (!grant) {
      this.cache.delete(hash);
      return undefined;
    }
    if (this.cache.size >= maxCached) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(hash, { grant, until: this.now() + grantCacheMs });
    return grant;
  }
}
