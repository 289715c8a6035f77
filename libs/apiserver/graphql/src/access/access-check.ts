/** One question for the authorizer, as a SelfSubjectAccessReview's resourceAttributes ask it. */
export interface AccessCheck {
  verb: string;
  resource: string;
  /** '' for the core group. */
  group?: string;
  /** Absent (or '') for a cluster-wide question or a cluster-scoped resource. */
  namespace?: string;
  subresource?: string;
  name?: string;
}

export interface AccessDecision {
  allowed: boolean;
  /** When denied: what the user may not do, in words (`you cannot delete pods in blue (RBAC)`). */
  reason?: string;
}

/** The request-wide cache key of a check: equal questions are asked once. */
export function accessCheckKey(check: AccessCheck): string {
  return [check.verb, check.group ?? '', check.resource, check.subresource ?? '', check.namespace ?? '', check.name ?? ''].join('|');
}

/** `pods`, `deployments/scale`: the resource as RBAC rules and kubectl's Forbidden message name it. */
export function resourcePhrase(check: AccessCheck): string {
  return check.subresource ? `${check.resource}/${check.subresource}` : check.resource;
}

/**
 * The reason a dashboard shows on an action the user may not take: the verb and resource RBAC denies,
 * where. A named object is left out: RBAC rules rarely name objects, and the button already sits next to it.
 */
export function deniedReason(check: AccessCheck): string {
  const where = check.namespace ? ` in ${check.namespace}` : '';
  return `you cannot ${check.verb} ${resourcePhrase(check)}${where} (RBAC)`;
}

/**
 * The request header by which a client (the dashboard's server) asks that an all-namespaces list or
 * subscription RBAC refuses be answered with the namespaces the caller can reach. Without it the
 * answer is upstream's: Forbidden, as kubectl gets for `get pods -A`.
 */
export const REACHABLE_NAMESPACES_HEADER = 'x-drydock-namespaces';

export function wantsReachableNamespaces(req: { headers: Record<string, string | string[] | undefined> }): boolean {
  return req.headers[REACHABLE_NAMESPACES_HEADER] === 'reachable';
}
