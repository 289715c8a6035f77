import type { KubeObject } from '@drydock/util';
import { StatusError, fieldErrors, isPlainObject } from '@drydock/util';
import { ResourceDefinition, apiVersionOf } from '@drydock/registry';
import { type Authenticator, credentialValidIn } from '../pipeline/authentication';
import type { AuthorizationAttributes, Authorizer } from '../pipeline/authorization';
import type { UserInfo } from './request-context';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

/** ResourceAttributesFrom / NonResourceAttributesFrom of upstream's authorization registry. */
function attributesOf(kind: string, spec: Record<string, unknown>, namespace: string, cluster: string): AuthorizationAttributes {
  const nonResource = spec.nonResourceAttributes as NonResourceAttributes | undefined;
  const attributes = spec.resourceAttributes as ResourceAttributes | undefined;
  if (!attributes && nonResource) {
    return { cluster, verb: nonResource.verb ?? '', path: nonResource.path ?? '', group: '', version: '', namespace: '', resource: '', subresource: '', name: '' };
  }
  if (!attributes) throw StatusError.invalid('authorization.k8s.io', kind, '', [fieldErrors.invalid('spec.resourceAttributes', null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified')]);
  return {
    cluster,
    group: attributes.group ?? '',
    version: attributes.version || '*',
    namespace: attributes.namespace ?? namespace,
    resource: attributes.resource ?? '',
    name: attributes.name ?? '',
    subresource: attributes.subresource ?? '',
    verb: attributes.verb ?? '',
  };
}

/** SubjectAccessReviewStatus: allowed always, reason when there is one. */
function decision(kind: string, authorizer: Authorizer, user: UserInfo, spec: Record<string, unknown>, namespace: string, cluster: string): Record<string, unknown> {
  const { allowed, reason } = authorizer.authorize(user, attributesOf(kind, spec, namespace, cluster));
  return reason ? { allowed, reason } : { allowed };
}

/** SelfSubjectRulesReview: RulesFor split into resource and non-resource rules, as upstream's REST. */
function rules(authorizer: Authorizer, user: UserInfo, spec: Record<string, unknown>, cluster: string): Record<string, unknown> {
  const namespace = typeof spec.namespace === 'string' ? spec.namespace : '';
  if (!namespace) throw StatusError.badRequest('no namespace on request');
  const held = authorizer.rulesFor(user, cluster, namespace);
  const resourceRules = held.rules
    .filter((rule) => rule.resources?.length)
    .map((rule) => withoutEmpty({ verbs: rule.verbs ?? [], apiGroups: rule.apiGroups, resources: rule.resources, resourceNames: rule.resourceNames }));
  const nonResourceRules = held.rules.filter((rule) => rule.nonResourceURLs?.length).map((rule) => ({ verbs: rule.verbs ?? [], nonResourceURLs: rule.nonResourceURLs }));
  return withoutEmpty({ resourceRules, nonResourceRules, incomplete: held.incomplete, evaluationError: held.error });
}

/** omitempty: drops undefined and empty lists (not the verbs nor the rule lists, which upstream always writes). */
function withoutEmpty(object: Record<string, unknown>): Record<string, unknown> {
  const keep = new Set(['verbs', 'resourceRules', 'nonResourceRules']);
  return Object.fromEntries(Object.entries(object).filter(([key, value]) => value !== undefined && (keep.has(key) || !Array.isArray(value) || value.length > 0)));
}

/** authentication/v1 UserInfo: uid and extra only when there are some (omitempty). */
function userInfoOf(user: UserInfo): Record<string, unknown> {
  const info: Record<string, unknown> = { username: user.name };
  if (user.uid) info.uid = user.uid;
  info.groups = user.groups;
  if (user.extra && Object.keys(user.extra).length) info.extra = user.extra;
  return info;
}

function subject(spec: Record<string, unknown>): UserInfo {
  return { name: String(spec.user ?? ''), groups: Array.isArray(spec.groups) ? spec.groups.map(String) : [] };
}

/**
 * Answers a review (create on authorization.k8s.io / authentication.k8s.io reviews): the request's
 * object with its status filled in; nothing is stored, as upstream. Access is decided in the logical
 * cluster the review was posted to.
 */
export async function answerReview(def: ResourceDefinition, body: KubeObject, namespace: string, user: UserInfo, authenticator: Authenticator, authorizer: Authorizer, cluster = 'default'): Promise<KubeObject> {
  const spec = isPlainObject(body.spec) ? body.spec : {};
  let status: Record<string, unknown>;
  switch (def.kind) {
    case 'SelfSubjectAccessReview':
      status = decision(def.kind, authorizer, user, spec, namespace, cluster);
      break;
    case 'SubjectAccessReview':
    case 'LocalSubjectAccessReview':
      status = decision(def.kind, authorizer, subject(spec), spec, namespace, cluster);
      break;
    case 'SelfSubjectRulesReview':
      status = rules(authorizer, user, spec, cluster);
      break;
    case 'SelfSubjectReview':
      status = { userInfo: userInfoOf(user) };
      break;
    case 'TokenReview': {
      const token = await authenticator.authenticateToken(String(spec.token ?? ''));
      const reviewed = token && credentialValidIn(token, cluster) ? token : undefined;
      status = reviewed ? { authenticated: true, user: userInfoOf(reviewed) } : { authenticated: false };
      break;
    }
    default:
      throw StatusError.methodNotAllowed(`${def.kind} is not supported`);
  }
  return { ...body, apiVersion: apiVersionOf(def), kind: def.kind, metadata: { ...body.metadata, creationTimestamp: null } as never, status };
}
