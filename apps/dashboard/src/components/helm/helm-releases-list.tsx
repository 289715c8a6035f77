'use client';
import Link from 'next/link';
import { useQuery } from '@/lib/graphql';
import type { HelmReleasesQuery } from '@/lib/graphql-types.generated';
import { Age } from '@/components/ui/age';
import { NamespaceSelect, useUrlParams } from '@/components/ui/list-filters';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { releaseHref } from './helm-paths';

const RELEASES_QUERY = /* GraphQL */ `
  query HelmReleases($namespace: String) {
    helmReleases(namespace: $namespace) { name namespace revision status chart chartVersion appVersion updated }
  }
`;

/** `helm list -a` from helm's own release Secrets: the last revision of each release. */
export function HelmReleasesList() {
  const [params, setParams] = useUrlParams();
  const namespace = params.get('namespace') ?? '';
  const { data, error, loading } = useQuery<HelmReleasesQuery>(RELEASES_QUERY, { namespace: namespace || null });
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Helm releases</h1>
          <p className="text-sm text-slate-500">Read from helm&apos;s own release Secrets (owner=helm, type helm.sh/release.v1), as helm list -a shows them.</p>
        </div>
        <NamespaceSelect value={namespace} onChange={(value) => setParams({ namespace: value || undefined })} />
      </header>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} />
      ) : !data?.helmReleases.length ? (
        <EmptyState title={`No Helm releases${namespace ? ` in ${namespace}` : ''}`}>Install a chart with helm install; it appears here.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm" data-testid="helm-releases">
            <thead className="bg-slate-50 text-left text-xs font-medium text-slate-500 uppercase dark:bg-slate-800/50">
              <tr>
                {['Name', 'Namespace', 'Revision', 'Updated', 'Status', 'Chart', 'App version'].map((column) => (
                  <th key={column} className="px-3 py-2">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.helmReleases.map((release) => (
                <tr key={`${release.namespace}/${release.name}`} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                  <td className="px-3 py-2">
                    <Link href={releaseHref(release.namespace, release.name)} className="text-sky-700 hover:underline dark:text-sky-400">
                      {release.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-slate-500">{release.namespace}</td>
                  <td className="px-3 py-2">{release.revision}</td>
                  <td className="px-3 py-2 text-slate-500">
                    <Age timestamp={release.updated} />
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={release.status} tone={helmTone(release.status)} />
                  </td>
                  <td className="px-3 py-2">
                    {release.chart}-{release.chartVersion}
                  </td>
                  <td className="px-3 py-2 text-slate-500">{release.appVersion ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** helm's release statuses (pkg/release/common Status) as the dashboard's tones. */
export function helmTone(status: string) {
  if (status === 'deployed') return 'ok' as const;
  if (status === 'failed') return 'error' as const;
  if (status.startsWith('pending') || status === 'uninstalling') return 'progress' as const;
  return 'neutral' as const;
}
