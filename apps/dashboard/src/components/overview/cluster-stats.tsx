import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatBytes, formatCores, percentOf } from '@/components/ui/format-quantity';
import { UsageBar } from '@/components/ui/usage-bar';
import type { ClusterSummary } from './cluster-summary';

function Stat({ label, value, tone = 'plain', href }: { label: string; value: number; tone?: 'plain' | 'ok' | 'warning' | 'error'; href?: string }) {
  const colour = value === 0 || tone === 'plain' ? 'text-slate-900 dark:text-slate-100' : tone === 'ok' ? 'text-emerald-700 dark:text-emerald-400' : tone === 'warning' ? 'text-amber-700 dark:text-amber-400' : 'text-red-700 dark:text-red-400';
  const body = (
    <>
      <span className={`block text-xl font-semibold tabular-nums ${colour}`}>{value.toLocaleString()}</span>
      <span className="block text-xs text-slate-500 dark:text-slate-400">{label}</span>
    </>
  );
  return href ? (
    <Link href={href} prefetch={false} className="rounded px-1 hover:bg-slate-50 dark:hover:bg-slate-800">
      {body}
    </Link>
  ) : (
    <div className="px-1">{body}</div>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h2>
      {children}
    </section>
  );
}

/** Counts and cluster-wide allocation (requests against allocatable) from the summary. */
export function ClusterStats({ summary }: { summary: Omit<ClusterSummary, 'problems' | 'namespaces' | 'warningEvents' | 'forbidden'> & { namespaces?: number; warningEvents?: number } }) {
  const { nodes, pods, cpu, memory } = summary;
  return (
    <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-[1fr_1.6fr_1.2fr]" data-testid="cluster-stats">
      <Card title={`Nodes · ${nodes.total}`}>
        <div className="grid grid-cols-3 gap-1">
          <Stat label="Ready" value={nodes.ready} tone="ok" href="/nodes" />
          <Stat label="Not ready" value={nodes.notReady} tone="error" href="/nodes" />
          <Stat label="Unschedulable" value={nodes.unschedulable} tone="warning" href="/nodes" />
        </div>
      </Card>
      <Card title={`Pods · ${pods.total}`}>
        <div className="grid grid-cols-3 gap-1">
          <Stat label="Running" value={pods.running} tone="ok" href="/pods" />
          <Stat label="Pending" value={pods.pending} tone="warning" href="/pods" />
          <Stat label="Failing" value={pods.failing} tone="error" href="/pods" />
          <Stat label="Succeeded" value={pods.succeeded} />
          <Stat label="Failed" value={pods.failed} tone="error" />
          <Stat label="Unknown" value={pods.unknown} tone="error" />
        </div>
      </Card>
      <Card title="Requested / allocatable">
        <div className="space-y-2 pt-1">
          <UsageBar label="CPU" used={cpu.requested} total={cpu.allocatable} text={`${formatCores(cpu.requested)} / ${formatCores(cpu.allocatable)} cores · ${percentOf(cpu.requested, cpu.allocatable)}%`} />
          <UsageBar label="Memory" used={memory.requested} total={memory.allocatable} text={`${formatBytes(memory.requested)} / ${formatBytes(memory.allocatable)} · ${percentOf(memory.requested, memory.allocatable)}%`} />
          <p className="text-[11px] text-slate-500 dark:text-slate-400">
            Limits: {formatCores(cpu.limits)} cores, {formatBytes(memory.limits)} · {summary.namespaces ?? '…'} namespaces · {summary.warningEvents ?? '…'} warning events in the last hour
          </p>
        </div>
      </Card>
    </div>
  );
}
