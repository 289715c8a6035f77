'use client';
import Link from 'next/link';
import { useQuery } from '@/lib/graphql';
import type { HelmReleasesQuery } from '@/lib/graphql-types.generated';
import { Age } from '@/components/ui/age';
import { NamespaceSelect, useUrlParams } from '@/components/ui/list-filters';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { type Column, DataTable, linkClass } from '@/components/ui/data-table';
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
        <DataTable testId="helm-releases" columns={releaseColumns} rows={data.helmReleases} rowKey={(release) => `${release.namespace}/${release.name}`} rowProps={() => ({ className: 'hover:bg-slate-50 dark:hover:bg-slate-800/40' })} />
      )}
    </div>
  );
}

const releaseColumns: Column<HelmReleasesQuery['helmReleases'][number]>[] = [
  {
    header: 'Name',
    cell: (release) => (
      <Link href={releaseHref(release.namespace, release.name)} className={linkClass}>
        {release.name}
      </Link>
    ),
  },
  { header: 'Namespace', cell: (release) => release.namespace, className: 'text-slate-500' },
  { header: 'Revision', cell: (release) => release.revision },
  { header: 'Updated', cell: (release) => <Age timestamp={release.updated} />, className: 'text-slate-500' },
  { header: 'Status', cell: (release) => <StatusBadge status={release.status} tone={helmTone(release.status)} /> },
  { header: 'Chart', cell: (release) => `${release.chart}-${release.chartVersion}` },
  { header: 'App version', cell: (release) => release.appVersion ?? '', className: 'text-slate-500' },
];

/** helm's release statuses (pkg/release/common Status) as the dashboard's tones. */
export function helmTone(status: string) {
  if (status === 'deployed') return 'ok' as const;
  if (status === 'failed') return 'error' as const;
  if (status.startsWith('pending') || status === 'uninstalling') return 'progress' as const;
  return 'neutral' as const;
}
