'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useQuery } from '@/lib/graphql';
import type { KubeKindsQuery } from '@/lib/graphql-types.generated';
import { ErrorState, Loading } from '@/components/ui/states';
import { kindHref } from './kind-paths';

export const KINDS_QUERY = /* GraphQL */ `
  query KubeKinds {
    kinds { group version kind resource namespaced verbs shortNames categories getField }
  }
`;

type Kind = KubeKindsQuery['kinds'][number];

/** Every served kind, grouped by API group (core first, then the registry's order: built-in groups, then CRDs). */
export function KindsIndex() {
  const { data, error, loading } = useQuery<KubeKindsQuery>(KINDS_QUERY);
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const wanted = filter.trim().toLowerCase();
    const matches = (kind: Kind) => !wanted || [kind.kind, kind.resource, kind.group, ...kind.shortNames].some((name) => name.toLowerCase().includes(wanted));
    const byGroup = new Map<string, Kind[]>();
    for (const kind of (data?.kinds ?? []).filter((each) => each.verbs.includes('list') && matches(each))) byGroup.set(kind.group, [...(byGroup.get(kind.group) ?? []), kind]);
    return [...byGroup];
  }, [data, filter]);
  if (loading && !data) return <Loading />;
  if (error) return <ErrorState error={error} />;
  return (
    <div className="space-y-4">
      <input
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder="Filter kinds (name, short name, group)"
        aria-label="Filter kinds"
        className="w-full max-w-md rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {groups.map(([group, kinds]) => (
          <section key={group} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid={`kind-group-${group || 'core'}`}>
            <h2 className="mb-2 text-sm font-semibold text-slate-500">{group || 'core'}</h2>
            <ul className="space-y-1 text-sm">
              {kinds.map((kind) => (
                <li key={`${kind.version}/${kind.resource}`} className="flex items-baseline justify-between gap-2">
                  <Link href={kindHref(kind)} className="text-sky-700 hover:underline dark:text-sky-400">
                    {kind.kind}
                  </Link>
                  <span className="text-xs text-slate-400">
                    {kind.version}
                    {kind.shortNames.length ? ` · ${kind.shortNames.join(', ')}` : ''}
                    {kind.namespaced ? '' : ' · cluster'}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
