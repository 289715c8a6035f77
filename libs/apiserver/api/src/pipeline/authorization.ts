import { StatusError } from '@drydock/util';
import type { UserInfo } from '../rest/request-context';
import type { AuthorizationAttributes, PolicyRule } from './rbac/policy-rule';
import { isResourceRequest } from './rbac/policy-rule';
import type { Decision } from './rbac/rbac.authorizer';

export type { AuthorizationAttributes } from './rbac/policy-rule';
export type { Decision } from './rbac/rbac.authorizer';

/** What a user holds in a namespace (upstream's RuleResolver.RulesFor), split as SelfSubjectRulesReview reports it. */
export interface UserRules {
  rules: PolicyRule[];
  incomplete: boolean;
  error?: string;
}

/** Decides whether a user may perform a request (upstream's authorizer.Authorizer + RuleResolver). */
export interface Authorizer {
  authorize(user: UserInfo, attributes: AuthorizationAttributes): Decision;
  rulesFor(user: UserInfo, cluster: string, namespace: string): UserRules;
}

const everything: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** Upstream's privilegedGroupAuthorizer for system:masters: allows everything, with no reason. */
export class MastersAuthorizer implements Authorizer {
  authorize(user: UserInfo): Decision {
    return { allowed: user.groups.includes('system:masters'), reason: '' };
  }

  rulesFor(user: UserInfo): UserRules {
    return { rules: user.groups.includes('system:masters') ? everything : [], incomplete: false };
  }
}

/**
 * Upstream's union authorizer: the first that allows decides; otherwise the reasons of all, one per
 * line. Rules are the concatenation of every member's.
 */
export class UnionAuthorizer implements Authorizer {
  constructor(private readonly members: Authorizer[]) {}

  authorize(user: UserInfo, attributes: AuthorizationAttributes): Decision {
    const reasons: string[] = [];
    for (const member of this.members) {
      const decision = member.authorize(user, attributes);
      if (decision.allowed) return decision;
      if (decision.reason) reasons.push(decision.reason);
    }
    return { allowed: false, reason: reasons.join('\n') };
  }

  rulesFor(user: UserInfo, cluster: string, namespace: string): UserRules {
    const all = this.members.map((member) => member.rulesFor(user, cluster, namespace));
    const errors = all.map((rules) => rules.error).filter((error): error is string => !!error);
    return { rules: all.flatMap((rules) => rules.rules), incomplete: all.some((rules) => rules.incomplete), error: errors.length ? errors.join(', ') : undefined };
  }
}

/** A non-resource request's attributes: the lower-cased HTTP method as its verb, and its path. */
export function nonResourceAttributes(method: string, path: string, cluster = 'default'): AuthorizationAttributes {
  return { cluster, verb: method.toLowerCase(), path, group: '', version: '', namespace: '', resource: '', subresource: '', name: '' };
}

/** responsewriters.forbiddenMessage. */
export function forbiddenMessage(user: UserInfo, attributes: AuthorizationAttributes): string {
  if (!isResourceRequest(attributes)) return `User "${user.name}" cannot ${attributes.verb} path "${attributes.path}"`;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const scope = attributes.namespace ? ` in the namespace "${attributes.namespace}"` : ' at the cluster scope';
  return `User "${user.name}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.group}"${scope}`;
}

/** responsewriters.Forbidden: NewForbidden of the request's group and resource (no subresource), the reason appended. */
export function forbidden(user: UserInfo, attributes: AuthorizationAttributes, reason: string): StatusError {
  const message = reason ? `${forbiddenMessage(user, attributes)}: ${reason}` : forbiddenMessage(user, attributes);
  if (!isResourceRequest(attributes) || (!attributes.group && !attributes.resource)) return new StatusError(403, 'Forbidden', `forbidden: ${message}`);
  return StatusError.forbidden({ group: attributes.group, resource: attributes.resource }, attributes.name, message);
}

/** The authorization step of the chain (WithAuthorization): throws upstream's Forbidden unless allowed. */
export function authorize(authorizer: Authorizer, user: UserInfo, attributes: AuthorizationAttributes): void {
  const decision = authorizer.authorize(user, attributes);
  if (!decision.allowed) throw forbidden(user, attributes, decision.reason);
}
