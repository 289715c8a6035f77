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
  const [cluster] = usePermissions([listAudit()]);
  // Namespace by namespace only for whom the whole log is refused (a cluster-wide reader needs no list).
  const names = cluster && !cluster.allowed ? namespaces.data?.namespaces.map((namespace) => namespace.name) ?? [] : [];
  const each = usePermissions(names.map(listAudit));
  const namespacesKnown = namespaces.data !== undefined || namespaces.error !== undefined;
  const known = cluster !== undefined && (cluster.allowed || (namespacesKnown && each.length === names.length && each.every((decision) => decision !== undefined)));
  const allowed = names.filter((_, index) => each[index]?.allowed);
  if (cluster?.allowed) return { known, all: true, namespaces: namespaces.data?.namespaces.map((namespace) => namespace.name) ?? [] };
  return { known, all: false, namespaces: allowed, reason: cluster?.reason };
}
