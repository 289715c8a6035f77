import Link from 'next/link';
import { Age, useNow } from '@/components/ui/age';
import { ConditionsTable } from '@/components/ui/conditions-table';
import { EmptyState } from '@/components/ui/states';
import { WorkloadPodsSection, type WorkloadPodsState } from './workload-pods';
import { WorkloadsTable } from './workloads-table';
import { KIND_PLURAL, workloadHref, type WorkloadDetail } from './workload-types';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h2 className="text-sm font-semibold tracking-wide text-slate-500 uppercase">{title}</h2>
      {children}
    </section>
  );
}

function Field({ label, children, wide }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <div className="text-xs text-slate-500">{label}</div>
      <div className="mt-0.5">{children}</div>
    </div>
  );
}

function countsText(w: WorkloadDetail): string {
  const spec = (w.manifest.spec ?? {}) as { schedule?: string; suspend?: boolean };
  const status = (w.manifest.status ?? {}) as { lastScheduleTime?: string };
  if (w.kind === 'CronJob') return `${spec.schedule ?? '?'}${spec.suspend ? ' (suspended)' : ''} · ${w.current} active${status.lastScheduleTime ? ` · last run ${new Date(status.lastScheduleTime).toLocaleString()}` : ''}`;
  if (w.kind === 'Job') return `${w.available} of ${w.desired} succeeded · ${w.current} active`;
  if (w.kind === 'ReplicaSet') return `${w.desired} desired · ${w.current} current · ${w.ready} ready · ${w.available} available`;
  return `${w.desired} desired · ${w.current} current · ${w.ready} ready · ${w.updated} up-to-date · ${w.available} available`;
}

/** A workload's facts, conditions, children (ReplicaSets / Jobs) and pods. */
export function WorkloadOverview({ workload: w, pods }: { workload: WorkloadDetail; pods: WorkloadPodsState }) {
  const childKind = w.children[0]?.kind;
  const now = useNow();
  return (
    <div className="space-y-6">
      <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 xl:grid-cols-4 dark:border-slate-800 dark:bg-slate-900">
        <Field label={w.kind === 'Job' ? 'Completions' : w.kind === 'CronJob' ? 'Schedule' : 'Replicas'}>
          <span className="tabular-nums">{countsText(w)}</span>
        </Field>
        <Field label="Revision">{w.revision ?? '—'}</Field>
        <Field label="Age">
          <Age timestamp={w.createdAt} now={now} />
        </Field>
        <Field label="Controlled by">
          {w.ownerChain.length ? (
            w.ownerChain.map((ref) => (
              <Link key={ref.name} href={workloadHref(ref.kind, ref.namespace ?? w.namespace, ref.name)} className="mr-2 text-sky-700 hover:underline dark:text-sky-300">
                {ref.kind} {ref.name}
              </Link>
            ))
          ) : (
            <span className="text-slate-500">—</span>
          )}
        </Field>
        <Field label="Selector" wide>
          {w.selector ? (
            <Link href={`/pods?namespace=${encodeURIComponent(w.namespace)}&label=${encodeURIComponent(w.selector)}`} className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-300" title="Pods matching this selector">
              {w.selector}
            </Link>
          ) : (
            '—'
          )}
        </Field>
        <Field label="Images" wide>
          <span className="font-mono text-xs break-all">{w.images.join(', ') || '—'}</span>
        </Field>
      </div>
      <Section title="Conditions">
        <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
          <ConditionsTable conditions={w.conditions} />
        </div>
      </Section>
      {(w.kind === 'Deployment' || w.kind === 'CronJob') && (
        <Section title={childKind ? KIND_PLURAL[childKind] : w.kind === 'Deployment' ? 'ReplicaSets' : 'Jobs'}>
          {w.children.length ? <WorkloadsTable workloads={[...w.children].sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0) || (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))} showNamespace={false} keyboard={false} /> : <EmptyState title={w.kind === 'Deployment' ? 'No ReplicaSets yet' : 'No Jobs yet'} />}
        </Section>
      )}
      <WorkloadPodsSection workload={w} state={pods} />
    </div>
  );
}
