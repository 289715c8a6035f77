import { randomBytes } from 'node:crypto';
import { StatusError } from '@drydock/util';
import type { SubresourceCall, SubresourceReply, SubresourceRest } from '@drydock/registry';
import type { GenericStore } from '../rest/generic-store';
import type { ApiTokenStore } from '../identity/api-token.store';
import { kubeconfigObject } from '../security/kubeconfig';
import { groupsOf } from '../identity/user-directory';
import type { ClusterLifecycle } from './cluster-reset.rest';

/** How long a kubeconfig's token lasts unless `expirationSeconds` says otherwise. */
export const defaultTokenLifetimeSeconds = 90 * 24 * 3600;
/** The shortest lifetime asked for, as TokenRequest's minimum (10 minutes). */
const minTokenLifetimeSeconds = 600;
const tokenNamePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface KubeconfigServer {
  caCert: string;
  /** Used when the request carries no Host header: the API server's own address. */
  defaultServer: string;
}

/**
 * `POST users/NAME/kubeconfig` (empty body): a new API token of user NAME, answered once inside a
 * kubeconfig (201, YAML) whose server is the address the caller reached and whose CA is this API
 * server's; only the token's hash is stored. Optional query: `tokenName` (a DNS label, unique per
 * user; default kubeconfig-XXXXX) and `expirationSeconds` (default 90 days, at least 600). Beside the
 * default cluster's context `drydock`, a context `drydock-<name>` for each sandbox cluster the user may enter.
 */
export class UserKubeconfigRest implements SubresourceRest {
  readonly acceptsEmptyBody = true;

  constructor(
    private readonly generic: GenericStore,
    private readonly tokens: ApiTokenStore,
    private readonly server: KubeconfigServer,
    private readonly clusters: () => ClusterLifecycle | undefined = () => undefined,
  ) {}

  async create({ def, cluster, name, query, req }: SubresourceCall): Promise<SubresourceReply> {
    const user = await this.generic.get(def, cluster, '', name);
    const tokenName = query.get('tokenName') || `kubeconfig-${randomBytes(4).toString('hex').slice(0, 5)}`;
    if (tokenName.length > 63 || !tokenNamePattern.test(tokenName)) {
      throw StatusError.badRequest(`invalid tokenName "${tokenName}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`);
    }
    const issued = await this.tokens.issue(name, tokenName, expiryFrom(query.get('expirationSeconds')));
    if (!issued) throw StatusError.alreadyExists({ group: 'drydock.dev', resource: 'users/tokens' }, tokenName);
    const host = req.headers.host;
    const base = host ? `https://${host}` : this.server.defaultServer;
    const server = cluster === 'default' ? base : `${base}/clusters/${cluster}`;
    const sandboxes = cluster === 'default' ? (this.clusters()?.reachableBy({ name, groups: groupsOf(user) }) ?? []) : [];
    return { code: 201, yaml: true, body: kubeconfigObject({ server, caCert: this.server.caCert, token: issued.token, userName: name, sandboxes }) };
  }
}

function expiryFrom(value: string | null): Date {
  const seconds = value === null || value === '' ? defaultTokenLifetimeSeconds : Number(value);
  if (!Number.isInteger(seconds)) throw StatusError.badRequest(`invalid expirationSeconds "${value}": must be an integer`);
  if (seconds < minTokenLifetimeSeconds) throw StatusError.badRequest(`expirationSeconds may not be less than ${minTokenLifetimeSeconds} (10 minutes)`);
  return new Date(Date.now() + seconds * 1000);
}
