import { kubeTime } from '@drydock/kube';
import { StatusError } from '@drydock/util';
import type { SubresourceCall, SubresourceReply, SubresourceRest } from '@drydock/registry';
import type { GenericStore } from '../rest/generic-store';
import type { ApiTokenInfo, ApiTokenStore } from '../identity/api-token.store';

const tokensResource = { group: 'drydock.dev', resource: 'users/tokens' };

/**
 * `users/NAME/tokens`: the user's API tokens, never their secrets. GET answers a UserTokenList (each
 * token's name, creation, expiry and last use; the last use trails by a few seconds); DELETE
 * `?tokenName=TOKEN` revokes one (refused from then on; by other API servers within half a second).
 */
export class UserTokensRest implements SubresourceRest {
  constructor(
    private readonly generic: GenericStore,
    private readonly tokens: ApiTokenStore,
    private readonly beforeList: () => Promise<void>,
    private readonly afterRevoke: () => void,
  ) {}

  async get({ def, cluster, name }: SubresourceCall): Promise<SubresourceReply> {
    await this.generic.get(def, cluster, '', name);
    await this.beforeList();
    const items = (await this.tokens.list(name)).map(userToken);
    return { code: 200, body: { apiVersion: 'drydock.dev/v1', kind: 'UserTokenList', metadata: {}, items } };
  }

  async delete({ def, cluster, name, query }: SubresourceCall): Promise<SubresourceReply> {
    await this.generic.get(def, cluster, '', name);
    const tokenName = query.get('tokenName');
    if (!tokenName) throw StatusError.badRequest('tokenName is required: the name of the token to revoke');
    const revoked = await this.tokens.revoke(name, tokenName);
    if (!revoked) throw StatusError.notFound(tokensResource, tokenName);
    this.afterRevoke();
    return { code: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: tokenName, group: 'drydock.dev', kind: 'tokens' } } };
  }
}

function userToken(token: ApiTokenInfo): Record<string, unknown> {
  return {
    metadata: { name: token.name, creationTimestamp: kubeTime(token.createdAt) },
    spec: { user: token.userName, expirationTimestamp: token.expiresAt ? kubeTime(token.expiresAt) : null },
    status: { lastUsedTime: token.lastUsedAt ? kubeTime(token.lastUsedAt) : null },
  };
}
