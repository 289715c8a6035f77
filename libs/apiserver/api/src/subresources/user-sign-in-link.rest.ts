import { kubeTime } from '@drydock/kube';
import type { SubresourceCall, SubresourceReply, SubresourceRest } from '@drydock/registry';
import type { GenericStore } from '../rest/generic-store';
import type { SignInLinkStore } from '../identity/sign-in-link.store';

/**
 * `POST users/NAME/signinlink` (empty body): a new one-time sign-in link for user NAME (earlier unused
 * ones stop working), answered once as a SignInLink. Opening `status.url` (or the dashboard's
 * `status.path`) lets whoever holds it set the user's password once, within a week. RBAC decides who
 * may (`create` on `users/signinlink`: admins); a user cannot make one for themself.
 */
export class UserSignInLinkRest implements SubresourceRest {
  readonly acceptsEmptyBody = true;

  constructor(
    private readonly generic: GenericStore,
    private readonly links: SignInLinkStore,
    /** The dashboard's address (DRYDOCK_DASHBOARD_URL), when the API server knows it. */
    private readonly dashboardUrl: string | undefined,
  ) {}

  async create({ def, cluster, name }: SubresourceCall): Promise<SubresourceReply> {
    await this.generic.get(def, cluster, '', name);
    const link = await this.links.issue(name);
    const path = `/login?link=${encodeURIComponent(link.token)}`;
    const status = { path, ...(this.dashboardUrl && { url: `${this.dashboardUrl.replace(/\/+$/, '')}${path}` }), expirationTimestamp: kubeTime(link.expiresAt) };
    return { code: 201, body: { apiVersion: 'drydock.dev/v1', kind: 'SignInLink', metadata: { name }, status } };
  }
}
