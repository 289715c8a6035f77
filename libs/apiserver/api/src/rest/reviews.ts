import type { KubeObject } from '@drydock/util';
import { StatusError, isPlainObject } from '@drydock/util';
import { ResourceDefinition, apiVersionOf } from '@drydock/registry';
import type { RequestInfo } from '../http/request-info';
import type { Authenticator } from '../pipeline/authentication';
import type { Authorizer } from '../pipeline/authorization';
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

function attributesInfo(attributes: ResourceAttributes | undefined, namespace: string): RequestInfo {
  return {
    cluster: 'default',
    group: attributes?.group ?? '',
    version: attributes?.version ?? '',
    namespace: attributes?.namespace ?? namespace,
    resource: attributes?.resource ?? '',
    name: attributes?.name ?? '',
    subresource: attributes?.subresource ?? '',
    verb: attributes?.verb ?? '',
  };
}

function decision(authorizer: Authorizer, user: UserInfo, spec: Record<string, unknown>, namespace: string): Record<string, unknown> {
  const allowed = authorizer.authorize(user, attributesInfo(spec.resourceAttributes as ResourceAttributes | undefined, namespace));
  return allowed ? { allowed: true, reason: user.groups.includes('system:masters') ? 'system:masters' : '' } : { allowed: false };
}

/** Everything a user may do, as SelfSubjectRulesReview reports it (system:masters: everything). */
function rules(authorizer: Authorizer, user: UserInfo): Record<string, unknown> {
  const everything = authorizer.authorize(user, attributesInfo({ verb: '*', resource: '*', group: '*' }, ''));
  return everything
    ? { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false }
    : { resourceRules: [], nonResourceRules: [], incomplete: false };
}

function subject(spec: Record<string, unknown>): UserInfo {
  return { name: String(spec.user ?? ''), groups: Array.isArray(spec.groups) ? spec.groups.map(String) : [] };
}

/**
 * Answers a review (create on authorization.k8s.io / authentication.k8s.io reviews): the request's
 * object with its status filled in; nothing is stored, as upstream.
 */
export function answerReview(def: ResourceDefinition, body: KubeObject, namespace: string, user: UserInfo, authenticator: Authenticator, authorizer: Authorizer): KubeObject {
  const spec = isPlainObject(body.spec) ? body.spec : {};
  let status: Record<string, unknown>;
  switch (def.kind) {
    case 'SelfSubjectAccessReview':
      status = decision(authorizer, user, spec, namespace);
      break;
    case 'SubjectAccessReview':
    case 'LocalSubjectAccessReview':
      status = decision(authorizer, subject(spec), spec, namespace);
      break;
    case 'SelfSubjectRulesReview':
      status = rules(authorizer, user);
      break;
    case 'SelfSubjectReview':
      status = { userInfo: { username: user.name, groups: user.groups } };
      break;
    case 'TokenReview': {
      const reviewed = authenticator.authenticate({ headers: { authorization: `Bearer ${String(spec.token ?? '')}` } } as never);
      status = reviewed ? { authenticated: true, user: { username: reviewed.name, groups: reviewed.groups } } : { authenticated: false };
      break;
    }
    default:
      throw StatusError.methodNotAllowed(`${def.kind} is not supported`);
  }
  return { ...body, apiVersion: apiVersionOf(def), kind: def.kind, metadata: { ...body.metadata, creationTimestamp: null } as never, status };
}
