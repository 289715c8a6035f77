import type { KubeObject } from '@drydock/util';
import type { UserInfo } from '../../rest/request-context';
import type { RequestInfo } from '../request-info';

/** What a FlowSchema is matched against: the user, and the resource request or the non-resource path. */
export interface RequestDigest {
  user: UserInfo;
  /** Undefined for a non-resource request. */
  info?: RequestInfo;
  /** The non-resource request's verb (the HTTP method in lower case) and path. */
  verb: string;
  path: string;
}

type Json = Record<string, unknown>;
const json = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const has = (list: unknown, value: string, all = '*') => strings(list).some((item) => item === value || item === all);

const serviceAccountPrefix = 'system:serviceaccount:';

/** matchesASubject: a User by name, a Group by membership, a ServiceAccount by namespace and name (`*`: any). */
function matchesSubject(user: UserInfo, subject: Json): boolean {
  switch (subject.kind) {
    case 'User': {
      const name = String(json(subject.user).name ?? '');
      return name === '*' || name === user.name;
    }
    case 'Group': {
      const name = String(json(subject.group).name ?? '');
      return name === '*' || user.groups.includes(name);
    }
    case 'ServiceAccount': {
      if (!user.name.startsWith(serviceAccountPrefix)) return false;
      const [namespace, name] = user.name.slice(serviceAccountPrefix.length).split(':');
      const account = json(subject.serviceAccount);
      return account.namespace === namespace && (account.name === '*' || account.name === name);
    }
    default:
      return false;
  }
}

/** matchesResourceRule: verb, API group, `resource[/subresource]`, and the namespace (cluster-scoped requests: clusterScope). */
function matchesResourceRule(info: RequestInfo, rule: Json): boolean {
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  if (!has(rule.verbs, info.verb) || !has(rule.apiGroups, info.group) || !has(rule.resources, resource)) return false;
  return info.namespace ? has(rule.namespaces, info.namespace) : rule.clusterScope === true;
}

/** nonRequestURLMatches: `*`, the exact path, or a `/prefix/*` glob. */
function matchesNonResourceRule(digest: RequestDigest, rule: Json): boolean {
  if (!has(rule.verbs, digest.verb)) return false;
  return strings(rule.nonResourceURLs).some((url) => url === '*' || url === digest.path || (url.endsWith('*') && digest.path.startsWith(url.replace(/\*+$/, ''))));
}

/** Upstream's matchesFlowSchema: any rule whose subjects include the user and whose resource (or non-resource) rules cover the request. */
export function matchesFlowSchema(schema: KubeObject, digest: RequestDigest): boolean {
  const rules = (json(schema.spec).rules ?? []) as Json[];
  return rules.some((rule) => {
    if (!((rule.subjects ?? []) as Json[]).some((subject) => matchesSubject(digest.user, subject))) return false;
    const info = digest.info;
    if (info) return ((rule.resourceRules ?? []) as Json[]).some((resourceRule) => matchesResourceRule(info, resourceRule));
    return ((rule.nonResourceRules ?? []) as Json[]).some((nonResourceRule) => matchesNonResourceRule(digest, nonResourceRule));
  });
}

/** computeFlowDistinguisher: the user's name, the request's namespace, or none. */
export function flowDistinguisher(schema: KubeObject, digest: RequestDigest): string {
  const method = json(json(schema.spec).distinguisherMethod).type;
  if (method === 'ByUser') return digest.user.name;
  if (method === 'ByNamespace') return digest.info?.namespace ?? '';
  return '';
}
