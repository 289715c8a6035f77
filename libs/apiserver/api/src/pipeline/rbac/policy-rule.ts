import type { UserInfo } from '../../rest/request-context';

/** rbac.authorization.k8s.io/v1 PolicyRule, as stored. */
export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

/**
 * What is asked (upstream's authorizer.Attributes): a resource request, or a non-resource request
 * when `path` is set (IsResourceRequest() false).
 */
export interface AuthorizationAttributes {
  cluster: string;
  verb: string;
  group: string;
  version: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  path?: string;
  /**
   * The equality requirements of a list's or watch's field selector (`spec.cluster=lab`), as upstream's
   * Attributes.GetFieldSelector with AuthorizeWithSelectors: RBAC ignores them; an authorizer that grants by
   * relationship may read them (ClusterSnapshotAuthorizer).
   */
  fieldSelector?: { field: string; value: string }[];
}

export const isResourceRequest = (attributes: AuthorizationAttributes) => attributes.path === undefined;

const has = (list: string[] | undefined, value: string) => (list ?? []).includes(value);

/** evaluation_helpers.go VerbMatches. */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return has(rule.verbs, '*') || has(rule.verbs, verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return has(rule.apiGroups, '*') || has(rule.apiGroups, group);
}

/** `*`, the exact `resource[/subresource]`, or `*\/subresource`. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return (rule.resources ?? []).some(
    (ruleResource) =>
      ruleResource === '*' ||
      ruleResource === combined ||
      (subresource.length > 0 && ruleResource.length === subresource.length + 2 && ruleResource.startsWith('*/') && ruleResource.endsWith(subresource)),
  );
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return !rule.resourceNames?.length || rule.resourceNames.includes(name);
}

/** `*`, the exact path, or a prefix ending in `*`. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((url) => url === '*' || url === path || (url.endsWith('*') && path.startsWith(url.replace(/\*+$/, ''))));
}

/** rbac.go RuleAllows. */
export function ruleAllows(attributes: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (!isResourceRequest(attributes)) return verbMatches(rule, attributes.verb) && nonResourceURLMatches(rule, attributes.path!);
  const combined = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  return verbMatches(rule, attributes.verb) && apiGroupMatches(rule, attributes.group) && resourceMatches(rule, combined, attributes.subresource) && resourceNameMatches(rule, attributes.name);
}

/** serviceaccount.MakeUsername. */
export const serviceAccountUsername = (namespace: string, name: string) => `system:serviceaccount:${namespace}:${name}`;

/** serviceaccount.SplitUsername: [namespace, name] of `system:serviceaccount:<ns>:<name>`, else undefined. */
export function splitServiceAccountUsername(username: string): [string, string] | undefined {
  const prefix = 'system:serviceaccount:';
  if (!username.startsWith(prefix)) return undefined;
  const parts = username.slice(prefix.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return [parts[0], parts[1]];
}

/** serviceaccount.MakeGroupNames. */
export const serviceAccountGroups = (namespace: string) => ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];

/** validation/rule.go appliesToUser: a ServiceAccount subject without a namespace means the binding's. */
export function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name ?? '');
    case 'ServiceAccount': {
      const saNamespace = subject.namespace || namespace;
      return saNamespace.length > 0 && user.name === serviceAccountUsername(saNamespace, subject.name ?? '');
    }
    default:
      return false;
  }
}

/** The first subject of `subjects` the user is, as appliesTo's index. */
export function appliesTo(user: UserInfo, subjects: Subject[] | undefined, namespace: string): Subject | undefined {
  return (subjects ?? []).find((subject) => appliesToUser(user, subject, namespace));
}

/** describeSubject of upstream's binding describers (the allow reason). */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') return `${subject.kind} "${subject.name}/${subject.namespace || bindingNamespace}"`;
  return `${subject.kind} "${subject.name}"`;
}
