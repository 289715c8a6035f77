import type { KubeObject } from '@drydock/util';
import type { ObjectKey, ObjectStore } from '@drydock/storage';
import type { TokenAuthenticator } from '../pipeline/authentication';
import type { UserInfo } from '../rest/request-context';
import { serviceAccountUser } from './service-account-claims';
import { InvalidTokenError, ServiceAccountKeys } from './service-account-keys';

/** The watch cache's current objects (WatchHub.cached): the API server's own informer. */
export interface CachedObject {
  cached(key: ObjectKey): KubeObject | undefined;
}

/** jwt.DefaultLeeway: an object deleted less than this long ago still validates, as upstream. */
const deletionLeewayMs = 60_000;

/**
 * Upstream's ServiceAccount JWT authenticator (pkg/serviceaccount/jwt.go with the bound-token
 * validator of claims.go): a token this server signed, for one of its audiences and not expired,
 * whose ServiceAccount (and pod, when bound) still exists with the uid the token names. So deleting
 * the account or the pod invalidates every token issued for it. Objects are read as upstream's
 * getter (serviceaccountcontroller.NewGetterFromClient) reads them: from the watch cache when it
 * holds them (upstream's informer listers), else from the store (upstream's live GET), so a deleted
 * account is refused once the cache has applied its deletion, as upstream once its informer has. The objects are those of the
 * logical cluster that issued the token (its `drydock.dev/cluster` claim; none: the default cluster),
 * and the user it answers is valid in that cluster only.
 */
export class ServiceAccountAuthenticator implements TokenAuthenticator {
  constructor(
    private readonly keys: ServiceAccountKeys,
    private readonly store: ObjectStore,
    private readonly onInvalid: (reason: string) => void = () => undefined,
    private readonly cache?: CachedObject,
  ) {}

  async authenticateToken(token: string): Promise<UserInfo | undefined> {
    try {
      const claims = await this.keys.verify(token);
      if (!claims) return undefined;
      const kubernetes = claims['kubernetes.io'];
      const cluster = typeof claims['drydock.dev/cluster'] === 'string' ? claims['drydock.dev/cluster'] : 'default';
      if (!kubernetes?.serviceaccount?.name || !kubernetes.namespace) throw new InvalidTokenError('service account token claims are missing');
      const account = await this.live(cluster, 'serviceaccounts', kubernetes.namespace, kubernetes.serviceaccount.name);
      if (!account) throw new InvalidTokenError(`serviceaccounts "${kubernetes.serviceaccount.name}" not found`);
      if (account.metadata.uid !== kubernetes.serviceaccount.uid) throw new InvalidTokenError(`service account UID (${account.metadata.uid}) does not match claim (${kubernetes.serviceaccount.uid})`);
      if (deletedBeforeLeeway(account)) throw new InvalidTokenError(`service account ${kubernetes.namespace}/${kubernetes.serviceaccount.name} has been deleted`);
      if (kubernetes.secret) await this.boundObject(cluster, 'secrets', kubernetes.namespace, kubernetes.secret, 'secret');
      if (kubernetes.pod) await this.boundObject(cluster, 'pods', kubernetes.namespace, kubernetes.pod, 'pod');
      else if (kubernetes.node) await this.boundObject(cluster, 'nodes', '', kubernetes.node, 'node');
      return serviceAccountUser(kubernetes, claims.jti, cluster);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      this.onInvalid(error.message);
      return undefined;
    }
  }

  /** The object a bound token names must still exist, with the same uid, and not be long deleted. */
  private async boundObject(cluster: string, resource: string, namespace: string, claim: { name: string; uid: string }, what: string): Promise<void> {
    const object = await this.live(cluster, resource, namespace, claim.name);
    if (!object || deletedBeforeLeeway(object)) throw new InvalidTokenError('service account token has been invalidated');
    if (object.metadata.uid !== claim.uid) throw new InvalidTokenError(`${what} UID (${object.metadata.uid}) does not match service account ${what} ref claim (${claim.uid})`);
  }

  private async live(cluster: string, resource: string, namespace: string, name: string): Promise<KubeObject | null> {
    const key = { cluster, resource, namespace, name };
    return this.cache?.cached(key) ?? (await this.store.get(key));
  }
}

function deletedBeforeLeeway(object: KubeObject): boolean {
  const deleted = object.metadata.deletionTimestamp;
  return !!deleted && Date.parse(deleted) < Date.now() - deletionLeewayMs;
}
