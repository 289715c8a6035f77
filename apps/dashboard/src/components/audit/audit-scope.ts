'use client';
import { useQuery } from '@/lib/graphql';
import type { NamespacesQuery } from '@/lib/graphql-types.generated';
import { type AccessCheck, usePermissions } from '@/lib/permissions';

const NAMESPACES = /* GraphQL */ `query Namespaces { namespaces { name } me { canListNamespaces } }`;
const listAudit = (namespace?: string): AccessCheck => ({ verb: 'list', group: 'drydock.dev', resource: 'auditevents', namespace });

export interface AuditScope {
  /** Undefined while the answers are out. */
  known: boolean;
  /** May list auditevents across all namespaces (cluster-admin): the whole log. */
  all: boolean;
  /** The namespaces whose events the user may list (a team admin: the team's). */
  namespaces: string[];
  /** When nothing is allowed: what RBAC refused, in the API server's words. */
  reason?: string;
}

/** Which part of the audit log the signed-in user may read, from the authorizer (one permissions query). */
export function useAuditScope(): AuditScope {
  const namespaces = useQuery<NamespacesQuery>(NAMESPACES);
  const names = namespaces.data?.namespaces.map((namespace) => namespace.name) ?? [];
  const [cluster, ...each] = usePermissions([listAudit(), ...names.map(listAudit)]);
  const known = cluster !== undefined && (namespaces.data !== undefined || namespaces.error !== undefined) && each.every((decision) => decision !== undefined);
  const allowed = names.filter((_, index) => each[index]?.allowed);
  return { known, all: !!cluster?.allowed, namespaces: allowed, reason: cluster?.allowed ? undefined : cluster?.reason };
}
