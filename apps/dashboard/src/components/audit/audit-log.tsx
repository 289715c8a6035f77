'use client';
import { useEffect, useState } from 'react';
import { DebouncedInput, useUrlParams } from '@/components/ui/list-filters';
import { formatAge, useNow } from '@/components/ui/age';
import { EmptyState, ErrorState, Loading, NoPermission } from '@/components/ui/states';
import { gql, GraphQLRequestError } from '@/lib/graphql';
import type { AuditEventsQuery, AuditEventsQueryVariables } from '@/lib/graphql-types.generated';
import { useAuditScope } from './audit-scope';

const AUDIT_EVENTS = /* GraphQL */ `query AuditEvents($filter: AuditEventFilter, $limit: Int, $continue: String) {
  auditEvents(filter: $filter, limit: $limit, continue: $continue) { items { auditID time user impersonatedUser verb apiGroup resource subresource namespace name code latency userAgent } continue }
}`;
type AuditRow = AuditEventsQuery['auditEvents']['items'][number];

const PAGE = 100;
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const field = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs focus:border-sky-500 focus:ring-1 focus:ring-sky-500 focus:outline-none dark:border-slate-700 dark:bg-slate-900';

/** `deployments/scale.apps`, as kubectl names a resource; `—` for a non-resource request (`/version`). */
function resourceText(row: AuditRow): string {
  if (!row.resource) return '—';
  const resource = row.subresource ? `${row.resource}/${row.subresource}` : row.resource;
  return row.apiGroup ? `${resource}.${row.apiGroup}` : resource;
}

function codeClass(code: number): string {
  if (code >= 500) return 'text-red-700 dark:text-red-300';
  if (code >= 400) return 'text-amber-700 dark:text-amber-300';
  return 'text-slate-600 dark:text-slate-400';
}

/** The pages of the log for one filter, newest first; `more` fetches the next, older page. */
function useAuditPages(variables: AuditEventsQueryVariables, skip: boolean) {
  const [rows, setRows] = useState<AuditRow[]>();
  const [next, setNext] = useState<string | null>();
  const [error, setError] = useState<GraphQLRequestError>();
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return;
    let live = true;
    setRows(undefined);
    setError(undefined);
    gql<AuditEventsQuery, AuditEventsQueryVariables>(AUDIT_EVENTS, { ...variables, limit: PAGE }).then(
      (data) => {
        if (!live) return;
        setRows(data.auditEvents.items);
        setNext(data.auditEvents.continue);
      },
      (e: GraphQLRequestError) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [key, skip]);
  const more = async () => {
    if (!next) return;
    const data = await gql<AuditEventsQuery, AuditEventsQueryVariables>(AUDIT_EVENTS, { ...variables, limit: PAGE, continue: next }).catch((e: GraphQLRequestError) => setError(e));
    if (!data) return;
    setRows([...(rows ?? []), ...data.auditEvents.items]);
    setNext(data.auditEvents.continue);
  };
  return { rows, error, more: next ? more : undefined };
}

/** `/audit?namespace=&user=&verb=&resource=&code=`: who did what, as the audit log recorded it, filtered by RBAC's scope. */
export function AuditLog() {
  const scope = useAuditScope();
  const [params, setParams] = useUrlParams();
  const chosen = params.get('namespace') ?? '';
  const namespace = chosen || (scope.all ? '' : scope.namespaces[0] ?? '');
  const code = Number(params.get('code'));
  const filter = { namespace: namespace || undefined, user: params.get('user') || undefined, verb: params.get('verb') || undefined, resource: params.get('resource') || undefined, code: Number.isInteger(code) && code > 0 ? code : undefined };
  const denied = scope.known && !scope.all && scope.namespaces.length === 0;
  const pages = useAuditPages({ filter }, !scope.known || denied);
  if (!scope.known) return <Loading />;
  if (denied) return <NoPermission message={scope.reason ?? 'you cannot list auditevents.drydock.dev in any namespace (RBAC)'} />;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2" data-testid="audit-filters">
        <label className="flex items-center gap-1.5 text-sm">
          <span className="text-slate-500">Namespace</span>
          <select value={namespace} onChange={(e) => setParams({ namespace: e.target.value })} className={field} data-testid="audit-namespace">
            {scope.all && <option value="">All namespaces and cluster</option>}
            {scope.namespaces.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <DebouncedInput label="User" value={params.get('user') ?? ''} onChange={(user) => setParams({ user })} testId="audit-user" />
        <select aria-label="Verb" value={params.get('verb') ?? ''} onChange={(e) => setParams({ verb: e.target.value })} className={field}>
          <option value="">Any verb</option>
          {VERBS.map((verb) => (
            <option key={verb}>{verb}</option>
          ))}
        </select>
        <DebouncedInput label="Resource" placeholder="Resource (pods, deployments…)" value={params.get('resource') ?? ''} onChange={(resource) => setParams({ resource })} testId="audit-resource" />
        <DebouncedInput label="Code" placeholder="Code (403…)" value={params.get('code') ?? ''} onChange={(value) => setParams({ code: value })} testId="audit-code" />
      </div>
      {pages.error ? <ErrorState error={pages.error} /> : !pages.rows ? <Loading /> : <AuditTable rows={pages.rows} more={pages.more} />}
    </div>
  );
}

function AuditTable({ rows, more }: { rows: AuditRow[]; more?: () => Promise<void> }) {
  const now = useNow();
  if (!rows.length) return <EmptyState title="No requests match">The audit log keeps every request to the API server, without bodies.</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-sm" data-testid="audit-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs text-slate-600 dark:border-slate-800 dark:bg-slate-800/50 dark:text-slate-400">
          <tr>
            {['Age', 'User', 'Verb', 'Resource', 'Namespace', 'Object', 'Code', 'Latency'].map((label) => (
              <th key={label} scope="col" className="px-3 py-2 font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.auditID} className="hover:bg-slate-50 dark:hover:bg-slate-800/40" title={row.userAgent ?? undefined}>
              <td className="px-3 py-1.5 text-slate-500 tabular-nums" title={row.time}>{formatAge(row.time, now)}</td>
              <td className="px-3 py-1.5">
                {row.user}
                {row.impersonatedUser && <span className="text-slate-500"> as {row.impersonatedUser}</span>}
              </td>
              <td className="px-3 py-1.5 font-mono text-xs">{row.verb}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{resourceText(row)}</td>
              <td className="px-3 py-1.5 text-slate-600 dark:text-slate-400">{row.namespace ?? '—'}</td>
              <td className="px-3 py-1.5">{row.name ?? '—'}</td>
              <td className={`px-3 py-1.5 tabular-nums ${codeClass(row.code)}`}>{row.code}</td>
              <td className="px-3 py-1.5 text-slate-500 tabular-nums">{row.latency}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <div className="border-t border-slate-200 p-2 text-center dark:border-slate-800">
          <button type="button" onClick={() => void more()} className="rounded px-3 py-1 text-sm text-sky-700 hover:bg-slate-100 dark:text-sky-300 dark:hover:bg-slate-800">
            Older requests
          </button>
        </div>
      )}
    </div>
  );
}
