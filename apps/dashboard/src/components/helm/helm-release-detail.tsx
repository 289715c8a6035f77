'use client';
import { createTwoFilesPatch } from 'diff';
import Link from 'next/link';
import { useState } from 'react';
import { stringify } from 'yaml';
import { gql, GraphQLRequestError, useQuery } from '@/lib/graphql';
import type { HelmReleaseHistoryQuery } from '@/lib/graphql-types.generated';
import { Age } from '@/components/ui/age';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DiffView } from '@/components/ui/diff-view';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { type Column, DataTable, linkClass } from '@/components/ui/data-table';
import { YamlView } from '@/components/ui/yaml-view';
import { helmTone } from './helm-releases-list';

const HISTORY_QUERY = /* GraphQL */ `
  query HelmReleaseHistory($namespace: String!, $name: String!) {
    helmReleaseHistory(namespace: $namespace, name: $name) { revision status chart chartVersion appVersion updated description rollbackRevision values manifest notes }
  }
`;

const ROLLBACK_MUTATION = /* GraphQL */ `
  mutation HelmRollback($namespace: String!, $name: String!, $revision: Int!) {
    helmRollback(namespace: $namespace, name: $name, revision: $revision) { revision status description }
  }
`;

type Revision = HelmReleaseHistoryQuery['helmReleaseHistory'][number];
const valuesYaml = (revision?: Revision) => (revision && Object.keys(revision.values).length ? stringify(revision.values, { sortMapEntries: true }) : '');

/** One release: its revisions (helm history), the values and manifest of one, the diff between two, and rollback to any earlier one. */
export function HelmReleaseDetail({ namespace, name }: { namespace: string; name: string }) {
  const history = useQuery<HelmReleaseHistoryQuery>(HISTORY_QUERY, { namespace, name });
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const [rollbackTo, setRollbackTo] = useState<number>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<GraphQLRequestError>();
  const [done, setDone] = useState<string>();
  if (history.loading && !history.data) return <Loading />;
  if (history.error) return <ErrorState error={history.error} />;
  const revisions = history.data?.helmReleaseHistory ?? [];
  if (revisions.length === 0) return <EmptyState title={`No release ${name} in ${namespace}`} />;
  const last = revisions[revisions.length - 1];
  const to = revisions.find((each) => each.revision === (picked.to ?? last.revision)) ?? last;
  const from = revisions.find((each) => each.revision === (picked.from ?? to.revision - 1));
  const rollback = async () => {
    if (rollbackTo === undefined) return;
    setPending(true);
    setError(undefined);
    try {
      const result = await gql<{ helmRollback: { revision: number; status: string; description?: string | null } }>(ROLLBACK_MUTATION, { namespace, name, revision: rollbackTo });
      setDone(`Rolled back: revision ${result.helmRollback.revision} is ${result.helmRollback.status} (${result.helmRollback.description ?? ''}).`);
      setRollbackTo(undefined);
      setPicked({});
      await history.refetch();
    } catch (e) {
      setError(e instanceof GraphQLRequestError ? e : new GraphQLRequestError(String(e)));
    } finally {
      setPending(false);
    }
  };
  const select = (label: string, value: number | undefined, onChange: (revision: number) => void) => (
    <label className="flex items-center gap-1 text-xs text-slate-500">
      {label}
      <select aria-label={`${label} revision`} value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))} className="rounded-md border border-slate-300 bg-white px-1 py-0.5 text-sm text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200">
        {revisions.map((each) => (
          <option key={each.revision} value={each.revision}>
            {each.revision}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm text-slate-500">
          <Link href={`/helm?namespace=${encodeURIComponent(namespace)}`} className="hover:underline">
            Helm releases
          </Link>{' '}
          · {namespace}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold">{name}</h1>
          <StatusBadge status={last.status} tone={helmTone(last.status)} />
          <span className="text-sm text-slate-500">
            {last.chart}-{last.chartVersion} · revision {last.revision}
          </span>
        </div>
        {done && (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {done}
          </p>
        )}
      </header>
      <DataTable testId="helm-history" columns={historyColumns({ last: last.revision, show: (revision) => setPicked({ to: revision }), rollBack: setRollbackTo })} rows={revisions} rowKey={(revision) => String(revision.revision)} rowProps={(revision) => ({ 'data-revision': revision.revision, 'data-status': revision.status, className: revision.revision === to.revision ? 'bg-sky-50/60 dark:bg-sky-950/30' : '' })} />
      <div className="grid gap-4 xl:grid-cols-2">
        <section className="min-w-0 space-y-2" data-testid="helm-values">
          <h2 className="font-semibold">Values of revision {to.revision}</h2>
          <YamlView yaml={valuesYaml(to) || '# no values given: the chart defaults apply\n'} title="values.yaml (helm get values)" maxHeight="40vh" />
        </section>
        <section className="min-w-0 space-y-2" data-testid="helm-diff">
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="font-semibold">Manifest diff</h2>
            {select('from', from?.revision, (revision) => setPicked({ from: revision, to: to.revision }))}
            {select('to', to.revision, (revision) => setPicked({ from: picked.from, to: revision }))}
          </div>
          <DiffView diff={from ? createTwoFilesPatch(`revision ${from.revision}`, `revision ${to.revision}`, `${valuesHeader(from)}${from.manifest}`, `${valuesHeader(to)}${to.manifest}`, '', '') : ''} empty={from ? 'The two revisions render the same manifest and values.' : 'Revision 1 has no revision before it.'} />
        </section>
      </div>
      {to.notes && <YamlView yaml={to.notes} title="NOTES.txt" maxHeight="30vh" />}
      <ConfirmDialog open={rollbackTo !== undefined} title={`Roll back ${name} to revision ${rollbackTo}?`} confirmLabel="Roll back" pendingLabel="Rolling back…" pending={pending} onConfirm={() => void rollback()} onClose={() => (setRollbackTo(undefined), setError(undefined))}>
        <p>
          As <code>helm rollback {name} {rollbackTo}</code>: revision {last.revision + 1} is written with revision {rollbackTo}&apos;s chart, values and manifest, its objects applied as helm applies them, and objects only the current revision has are deleted.
        </p>
        {error && <ErrorState error={error} title="The rollback failed" />}
      </ConfirmDialog>
    </div>
  );
}

/** helm history's columns, the revision a button showing it and each earlier one a Roll back button. */
function historyColumns({ last, show, rollBack }: { last: number; show: (revision: number) => void; rollBack: (revision: number) => void }): Column<Revision>[] {
  return [
    {
      header: 'Revision',
      cell: (revision) => (
        <button type="button" onClick={() => show(revision.revision)} className={linkClass} title="Show this revision's values and its diff to the one before">
          {revision.revision}
        </button>
      ),
    },
    { header: 'Updated', cell: (revision) => <Age timestamp={revision.updated} />, className: 'text-slate-500' },
    { header: 'Status', cell: (revision) => <StatusBadge status={revision.status} tone={helmTone(revision.status)} /> },
    { header: 'Chart', cell: (revision) => `${revision.chart}-${revision.chartVersion}` },
    { header: 'App version', cell: (revision) => revision.appVersion ?? '', className: 'text-slate-500' },
    { header: 'Description', cell: (revision) => revision.description },
    {
      header: '',
      className: 'text-right',
      cell: (revision) =>
        revision.revision !== last && (
          <button type="button" onClick={() => rollBack(revision.revision)} className="rounded-md border border-sky-600 px-2 py-0.5 text-xs font-medium text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-sky-950">
            Roll back to {revision.revision}
          </button>
        ),
    },
  ];
}

/** The values as a leading comment block of each side, so one diff shows what changed in both. */
function valuesHeader(revision: Revision): string {
  const yaml = valuesYaml(revision);
  return yaml ? `# values:\n${yaml.replace(/^/gm, '#   ')}\n---\n` : '';
}
