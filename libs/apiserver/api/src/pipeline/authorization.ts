import { StatusError } from '@drydock/util';
import type { RequestInfo } from '../http/request-info';
import type { UserInfo } from '../rest/request-context';

/** Decides whether a user may perform a request; RBAC plugs in here in a later issue. */
export interface Authorizer {
  authorize(user: UserInfo, info: RequestInfo): boolean;
}

/** system:masters may do everything, as upstream; nobody else exists yet. */
export class MastersAuthorizer implements Authorizer {
  authorize(user: UserInfo): boolean {
    return user.groups.includes('system:masters');
  }
}

export function authorize(authorizer: Authorizer, user: UserInfo, info: RequestInfo): void {
  if (authorizer.authorize(user, info)) return;
  const scope = info.namespace ? ` in the namespace "${info.namespace}"` : ' at the cluster scope';
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  throw StatusError.forbidden({ group: info.group, resource }, info.name, `User "${user.name}" cannot ${info.verb} resource "${resource}" in API group "${info.group}"${scope}`);
}
