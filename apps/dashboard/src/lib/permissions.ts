'use client';
import DataLoader from 'dataloader';
import { useEffect, useState } from 'react';
import { gql } from './graphql';
import type { AccessCheckInput, PermissionsQuery, PermissionsQueryVariables } from './graphql-types.generated';

/** One question for the API server's authorizer (a SelfSubjectAccessReview's resourceAttributes), as GraphQL's input says it. */
export type AccessCheck = AccessCheckInput;

export interface Decision {
  allowed: boolean;
  /** When denied: `you cannot delete pods in blue (RBAC)`. */
  reason?: string;
}

const PERMISSIONS = /* GraphQL */ `query Permissions($checks: [AccessCheckInput!]!) { permissions(checks: $checks) { allowed reason } }`;
/** Bindings change rarely; a page asks again after this long (and the API server refuses anything stale anyway). */
const FRESH_MS = 30_000;

export const checkKey = (check: AccessCheck) => [check.verb, check.group ?? '', check.resource, check.subresource ?? '', check.namespace ?? '', check.name ?? ''].join('|');

let loader: DataLoader<AccessCheck, Decision, string> | undefined;
let loadedAt = 0;

/** Every check a page's components ask for in one tick goes out as one `permissions` query. */
function permissionLoader(): DataLoader<AccessCheck, Decision, string> {
  if (!loader || Date.now() - loadedAt > FRESH_MS) {
    loadedAt = Date.now();
    loader = new DataLoader(async (checks) => (await gql<PermissionsQuery, PermissionsQueryVariables>(PERMISSIONS, { checks: [...checks] })).permissions.map((p) => ({ allowed: p.allowed, reason: p.reason ?? undefined })), { cacheKeyFn: checkKey });
  }
  return loader;
}

/**
 * Whether the signed-in user may do each of `checks`, in order; undefined until known (the action stays
 * usable meanwhile: the API server decides in the end, and a button that flickers disabled is worse).
 */
export function usePermissions(checks: (AccessCheck | undefined)[]): (Decision | undefined)[] {
  const key = JSON.stringify(checks);
  const [decisions, setDecisions] = useState<(Decision | undefined)[]>([]);
  useEffect(() => {
    let live = true;
    const wanted = JSON.parse(key) as (AccessCheck | null)[];
    void Promise.all(wanted.map((check) => (check ? permissionLoader().load(check).catch(() => undefined) : undefined))).then((answers) => live && setDecisions(answers));
    return () => {
      live = false;
    };
  }, [key]);
  return checks.map((_, index) => decisions[index]);
}

/** The reasons of the denied ones, each once (several actions can be refused for the same rule). */
export function deniedReasons(decisions: (Decision | undefined)[]): string[] {
  return [...new Set(decisions.flatMap((decision) => (decision && !decision.allowed && decision.reason ? [decision.reason] : [])))];
}
