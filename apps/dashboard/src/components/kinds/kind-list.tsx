'use client';
import Link from 'next/link';
import { useQuery } from '@/lib/graphql';
import type { KindTableQuery, KubeKindsQuery } from '@/lib/graphql-types.generated';
import { NamespaceSelect, useUrlParams } from '@/components/ui/list-filters';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { KINDS_QUERY } from './kinds-index';
import { objectHref } from './kind-paths';

const TABLE_QUERY = /* GraphQL */ `
  query KindTable($group: String!, $version: String!, $resource: String!, $namespace: String, $labelSelector: String) {
    kindTable(group: $group, version: $version, resource: $resource, namespace: $namespace, labelSelector: $labelSelector) {
      columns { name type format description priority }
      rows { cells name namespace }
    }
  }
`;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A kind's objects with the columns the API server prints for it (`kubectl get`'s, priority 0), as the signed-in user. */
export function KindList({ group, version, resource }: { group: string; version: string; resource: string }) {
  const [params, setParams] = useUrlParams();
  const namespace = params.get('namespace') ?? '';
  const kinds = useQuery<KubeKindsQuery>(KINDS_QUERY);
  const kind = kinds.data?.kinds.find((each) => each.group === group && each.version === version && each.resource === resource);
  const table = useQuery<KindTableQuery>(TABLE_QUERY, { group, version, resource, namespace: kind?.namespaced ? namespace || null : null, labelSelector: params.get('label') || null }, { skip: !kind });
  if (kinds.loading && !kinds.data) return <Loading />;
  if (kinds.error) return <ErrorState error={kinds.error} />;
  if (!kind) return <EmptyState title={`The server does not serve ${resource} in ${group || 'core'}/${version}`} />;
  const columns = (table.data?.kindTable.columns ?? []).map((column, index) => ({ ...column, index })).filter((column) => column.priority === 0);
  const rows = table.data?.kindTable.rows ?? [];
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{kind.kind}</h1>
          <p className="text-sm text-slate-500">
            {group || 'core'}/{version} · {resource}
            {kind.getField ? ` · GraphQL ${kind.getField}List` : ''}
          </p>
        </div>
        {kind.namespaced && <NamespaceSelect value={namespace} onChange={(value) => setParams({ namespace: value || undefined })} />}
      </header>
      {!table.data && !table.error ? (
        <Loading />
      ) : table.error ? (
        <ErrorState error={table.error} />
      ) : rows.length === 0 ? (
        <EmptyState title={`No ${resource}${namespace ? ` in ${namespace}` : ''}`} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm" data-testid="kind-table">
            <thead className="bg-slate-50 text-left text-xs font-medium text-slate-500 uppercase dark:bg-slate-800/50">
              <tr>
                {kind.namespaced && !namespace && <th className="px-3 py-2">Namespace</th>}
                {columns.map((column) => (
                  <th key={column.name} title={column.description} className="px-3 py-2">
                    {column.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((row) => (
                <tr key={`${row.namespace ?? ''}/${row.name}`} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                  {kind.namespaced && !namespace && <td className="px-3 py-2 text-slate-500">{row.namespace}</td>}
                  {columns.map((column) => (
                    <td key={column.name} className="px-3 py-2 whitespace-nowrap">
                      {column.format === 'name' ? (
                        <Link href={objectHref(kind, row.name, row.namespace)} className="text-sky-700 hover:underline dark:text-sky-400">
                          {cellText(row.cells[column.index])}
                        </Link>
                      ) : (
                        cellText(row.cells[column.index])
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
