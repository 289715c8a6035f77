import type { UserInfo } from '../rest/request-context';
import type { Authorizer, AuthorizationAttributes, Decision, UserRules } from '../pipeline/authorization';
import type { PolicyRule } from '../pipeline/rbac/policy-rule';

/**
 * What every user may do to their own credentials, whatever RBAC says. None for `system:` identities
 * (ServiceAccounts, nodes): a User's name is a DNS subdomain, so no User can be one of them.
 */
const selfRules = (name: string): PolicyRule[] => (name.includes(':') ? [] : [
  { verbs: ['create'], apiGroups: ['drydock.dev'], resources: ['users/kubeconfig'], resourceNames: [name] },
  { verbs: ['get', 'delete'], apiGroups: ['drydock.dev'], resources: ['users/tokens'], resourceNames: [name] },
]);

/**
 * Lets a user get a kubeconfig of their own and list and revoke their own tokens (as upstream's
 * Node authorizer lets a kubelet touch its own Node): in the union after system:masters, before RBAC,
 * so that anyone else needs RBAC's `create` on `users/kubeconfig` (admins) for someone else's.
 */
export class UserSelfAuthorizer implements Authorizer {
  authorize(user: UserInfo, attributes: AuthorizationAttributes): Decision {
    const own = attributes.path === undefined && attributes.group === 'drydock.dev' && attributes.resource === 'users' && attributes.name === user.name && attributes.name !== '';
    const allowed = own && selfRules(user.name).some((rule) => rule.resources![0] === `users/${attributes.subresource}` && rule.verbs!.includes(attributes.verb));
    return { allowed, reason: '' };
  }

  rulesFor(user: UserInfo): UserRules {
    return { rules: selfRules(user.name), incomplete: false };
  }
}
