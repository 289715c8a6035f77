import Link from 'next/link';
import { EventTimeline } from '@/components/events/event-timeline';
import { Age, useNow } from '@/components/ui/age';
import { ConditionsTable } from '@/components/ui/conditions-table';
import { StatusBadge } from '@/components/ui/status-badge';
import { PodContainers } from './pod-containers';
import { ownerHref, type PodDetail } from './pod-detail-types';
import { formatCpu, formatMemory } from './pod-types';
import { SchedulingReasons } from './scheduling-reasons';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h2 className="text-sm font-semibold tracking-wide text-slate-500 uppercase">{title}</h2>
      {children}
    </section>
  );
}

/** The pod's overview: why it is Pending (first, when it is), then status, owners, containers and conditions. */
export function PodOverview({ pod }: { pod: PodDetail }) {
  const now = useNow();
  return (
    <div className="space-y-6">
      {pod.scheduling && <SchedulingReasons scheduling={pod.scheduling} podRequests={pod.requests} />}
      <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2 xl:grid-cols-4 dark:border-slate-800 dark:bg-slate-900">
        <Field label="Status">
          <StatusBadge status={pod.status} /> <span className="text-slate-500">({pod.phase})</span>
        </Field>
        <Field label="Ready">{pod.ready}</Field>
        <Field label="Restarts">{pod.restarts}</Field>
        <Field label="Age">
          <Age timestamp={pod.createdAt} now={now} />
        </Field>
        <Field label="Node">
          {pod.nodeName ? (
            <span className="inline-flex items-center gap-1.5">
              <Link href={`/nodes/${encodeURIComponent(pod.nodeName)}`} className="text-sky-700 hover:underline dark:text-sky-300">
                {pod.nodeName}
              </Link>
              {pod.node && <StatusBadge status={pod.node.status} />}
            </span>
          ) : (
            <span className="text-amber-700 dark:text-amber-400">not scheduled</span>
          )}
        </Field>
        <Field label="Pod IP">{pod.podIP ?? '—'}</Field>
        <Field label="QoS class">{pod.qosClass ?? '—'}</Field>
        <Field label="Requests">
          {pod.requests.cpu || pod.requests.memory ? `cpu ${formatCpu(pod.requests.cpu)}, memory ${formatMemory(pod.requests.memory)}` : 'none'}
        </Field>
        <Field label="Controlled by" wide>
          {pod.ownerChain.length === 0 ? (
            <span className="text-slate-500">nothing (a bare pod)</span>
          ) : (
            <span data-testid="owner-chain" className="flex flex-wrap items-center gap-1">
              {pod.ownerChain.map((ref, i) => {
                const href = ownerHref(ref, pod.namespace);
                return (
                  <span key={`${ref.kind}/${ref.name}`} className="inline-flex items-center gap-1">
                    {i > 0 && <span aria-hidden className="text-slate-400">←</span>}
                    <span className="text-slate-500">{ref.kind}</span>
                    {href ? (
                      <Link href={href} className="text-sky-700 hover:underline dark:text-sky-300">
                        {ref.name}
                      </Link>
                    ) : (
                      ref.name
                    )}
                  </span>
                );
              })}
            </span>
          )}
        </Field>
        <Field label="Labels" wide>
          <span className="flex flex-wrap gap-1">
            {Object.entries(pod.labels ?? {}).map(([k, v]) => (
              <Link key={k} href={`/pods?namespace=${encodeURIComponent(pod.namespace)}&label=${encodeURIComponent(`${k}=${String(v)}`)}`} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs hover:bg-sky-100 dark:bg-slate-800 dark:hover:bg-sky-950">
                {k}={String(v)}
              </Link>
            ))}
            {Object.keys(pod.labels ?? {}).length === 0 && <span className="text-slate-500">none</span>}
          </span>
        </Field>
      </div>
      <Section title="Containers">
        <PodContainers containers={pod.containers} />
      </Section>
      <Section title="Recent events">
        <EventTimeline filter={{ namespace: pod.namespace, kind: 'Pod', name: pod.name, uid: pod.uid }} compact />
      </Section>
      <Section title="Conditions">
        <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
          <ConditionsTable conditions={pod.conditions} />
        </div>
      </Section>
    </div>
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
