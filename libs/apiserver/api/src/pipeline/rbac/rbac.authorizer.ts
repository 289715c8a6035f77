import type { KubeObject } from '@drydock/util';
import type { UserInfo } from '../../rest/request-context';
import type { AuthorizationAttributes, PolicyRule, RoleRef, Subject } from './policy-rule';
import { appliesTo, describeSubject, ruleAllows } from './policy-rule';
import type { ClusterPolicy, RbacIndex } from './rbac-index';

export interface Decision {
  allowed: boolean;
  reason: string;
}

/** Receives each rule a user holds with where it came from; returns false to stop. */
type RuleVisitor = (source: string | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

const rbacGroup = 'rbac.authorization.k8s.io';

/** The rules a roleRef points at (GetRoleReferenceRules), or the lister's NotFound message. */
function roleReferenceRules(policy: ClusterPolicy, ref: RoleRef, namespace: string): { rules?: PolicyRule[]; error?: string } {
  let role: KubeObject | undefined;
  if (ref.kind === 'Role') role = policy.objects.roles.get(namespace, ref.name ?? '');
  else if (ref.kind === 'ClusterRole') role = policy.objects.clusterRoles.get('', ref.name ?? '');
  else return { error: `unsupported role reference kind: "${ref.kind}"` };
  if (!role) return { error: `${ref.kind.toLowerCase()}.${rbacGroup} "${ref.name}" not found` };
  return { rules: (role.rules as PolicyRule[] | undefined) ?? [] };
}

interface Binding {
  binding: KubeObject;
  subject: Subject;
  describe: string;
}

function* bindingsFor(policy: ClusterPolicy, user: UserInfo, namespace: string): Generator<Binding> {
  for (const binding of policy.objects.clusterRoleBindings.in('')) {
    const subject = appliesTo(user, binding.subjects as Subject[] | undefined, '');
    const ref = (binding.roleRef ?? {}) as RoleRef;
    if (subject) yield { binding, subject, describe: `ClusterRoleBinding "${binding.metadata.name}" of ${ref.kind} "${ref.name}" to ${describeSubject(subject, '')}` };
  }
  if (!namespace) return;
  for (const binding of policy.objects.roleBindings.in(namespace)) {
    const subject = appliesTo(user, binding.subjects as Subject[] | undefined, namespace);
    const ref = (binding.roleRef ?? {}) as RoleRef;
    if (subject) yield { binding, subject, describe: `RoleBinding "${binding.metadata.name}/${namespace}" of ${ref.kind} "${ref.name}" to ${describeSubject(subject, namespace)}` };
  }
}

/**
 * Upstream's DefaultRuleResolver.VisitRulesFor: the rules of every ClusterRoleBinding naming the user,
 * then of every RoleBinding in `namespace` naming the user (a RoleBinding to a ClusterRole grants its
 * rules in that namespace only).
 */
export function visitRulesFor(policy: ClusterPolicy, user: UserInfo, namespace: string, visitor: RuleVisitor): void {
  for (const { binding, describe } of bindingsFor(policy, user, namespace)) {
    const bindingNamespace = binding.metadata.namespace ?? '';
    const { rules, error } = roleReferenceRules(policy, (binding.roleRef ?? {}) as RoleRef, bindingNamespace);
    if (error !== undefined) {
      if (!visitor(undefined, undefined, error)) return;
      continue;
    }
    for (const rule of rules!) if (!visitor(describe, rule, undefined)) return;
  }
}

/** plugin/pkg/auth/authorizer/rbac: allows what some bound rule allows; otherwise no opinion. */
export class RbacAuthorizer {
  constructor(private readonly index: RbacIndex) {}

  authorize(user: UserInfo, attributes: AuthorizationAttributes): Decision {
    const errors: string[] = [];
    let allowedBy: string | undefined;
    visitRulesFor(this.index.policy(attributes.cluster), user, attributes.namespace, (source, rule, error) => {
      if (rule && ruleAllows(attributes, rule)) {
        allowedBy = source;
        return false;
      }
      if (error) errors.push(error);
      return true;
    });
    if (allowedBy !== undefined) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
    return { allowed: false, reason: errors.length === 0 ? '' : `RBAC: ${aggregate(errors)}` };
  }

  /** The rules a roleRef names in a namespace (GetRoleReferenceRules); undefined when the role does not exist. */
  roleRules(cluster: string, ref: RoleRef, namespace: string): PolicyRule[] | undefined {
    return roleReferenceRules(this.index.policy(cluster), ref, namespace).rules;
  }

  /** RulesFor: every rule the user holds in `namespace` (cluster-wide ones included), and the first error. */
  rulesFor(user: UserInfo, cluster: string, namespace: string): { rules: PolicyRule[]; incomplete: boolean; error?: string } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    visitRulesFor(this.index.policy(cluster), user, namespace, (_source, rule, error) => {
      if (rule) rules.push(rule);
      if (error) errors.push(error);
      return true;
    });
    return { rules, incomplete: false, error: errors.length ? aggregate(errors) : undefined };
  }
}

/** utilerrors.NewAggregate(...).Error(): one message as it is, several in brackets. */
function aggregate(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
