import type { IncomingMessage } from 'node:http';
import { StatusError } from '@drydock/util';
import type { UserInfo } from '../../rest/request-context';
import { type Authorizer, forbidden } from '../authorization';
import type { AuthorizationAttributes } from './policy-rule';
import { serviceAccountGroups, serviceAccountUsername, splitServiceAccountUsername } from './policy-rule';

/** One thing the requestor asks to act as, and the `impersonate` attributes that must allow it. */
interface ImpersonationRequest {
  attributes: AuthorizationAttributes;
  apply(target: { name: string; groups: string[] }, groupsSpecified: boolean): void;
}

const extraPrefix = 'impersonate-extra-';

function acting(cluster: string, group: string, resource: string, name: string, namespace = '', subresource = ''): AuthorizationAttributes {
  return { cluster, verb: 'impersonate', group, version: 'v1', namespace, resource, subresource, name };
}

/** buildImpersonationRequests: the user (a ServiceAccount when it is one's username), groups, extras, uid. */
function requestsOf(req: IncomingMessage, cluster: string): ImpersonationRequest[] {
  const headers = req.headersDistinct;
  const requests: ImpersonationRequest[] = [];
  const user = headers['impersonate-user']?.[0] ?? '';
  const account = splitServiceAccountUsername(user);
  if (account) {
    const [namespace, name] = account;
    requests.push({
      attributes: acting(cluster, '', 'serviceaccounts', name, namespace),
      apply: (target, groupsSpecified) => {
        target.name = serviceAccountUsername(namespace, name);
        if (!groupsSpecified) target.groups = serviceAccountGroups(namespace);
      },
    });
  } else if (user) {
    requests.push({ attributes: acting(cluster, '', 'users', user), apply: (target) => (target.name = user) });
  }
  for (const group of headers['impersonate-group'] ?? []) {
    requests.push({ attributes: acting(cluster, '', 'groups', group), apply: (target) => target.groups.push(group) });
  }
  for (const [header, values] of Object.entries(headers)) {
    if (!header.startsWith(extraPrefix)) continue;
    const key = decodeURIComponent(header.slice(extraPrefix.length));
    for (const value of values ?? []) requests.push({ attributes: acting(cluster, 'authentication.k8s.io', 'userextras', value, '', key), apply: () => undefined });
  }
  const uid = headers['impersonate-uid']?.[0] ?? '';
  if (uid) requests.push({ attributes: acting(cluster, 'authentication.k8s.io', 'uids', uid), apply: () => undefined });
  if (requests.length > 0 && !user) throw StatusError.badRequest('requested impersonation of groups, extra or uid without impersonating a user');
  return requests;
}

/**
 * Upstream's WithImpersonation: with Impersonate-* headers the request runs as the impersonated user,
 * each part allowed by the `impersonate` verb on users, groups, serviceaccounts, userextras or uids.
 * Someone other than system:anonymous gains system:authenticated unless a group already says which.
 */
export function impersonate(authorizer: Authorizer, requestor: UserInfo, req: IncomingMessage, cluster: string): UserInfo {
  const requests = requestsOf(req, cluster);
  if (requests.length === 0) return requestor;
  const groupsSpecified = (req.headersDistinct['impersonate-group'] ?? []).length > 0;
  const target = { name: '', groups: [] as string[] };
  for (const request of requests) {
    request.apply(target, groupsSpecified);
    const decision = authorizer.authorize(requestor, request.attributes);
    if (!decision.allowed) throw forbidden(requestor, request.attributes, decision.reason);
  }
  if (target.name !== 'system:anonymous') {
    if (!target.groups.some((group) => group === 'system:authenticated' || group === 'system:unauthenticated')) target.groups.push('system:authenticated');
  } else if (!target.groups.includes('system:unauthenticated')) {
    target.groups.push('system:unauthenticated');
  }
  return target;
}
