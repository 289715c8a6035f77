import { Age } from '@/components/ui/age';
import { StatusBadge } from '@/components/ui/status-badge';
import type { ContainerStatus } from './pod-detail-types';
import { formatCpu, formatMemory } from './pod-types';

function stateWord(c: ContainerStatus): string {
  if (c.state === 'running') return c.ready ? 'Running' : 'Running (not ready)';
  if (c.state === 'terminated') return c.reason ?? `Exited ${c.exitCode ?? ''}`.trim();
  return c.reason ?? 'Waiting';
}

function resources(r: { cpu: number; memory: number }): string {
  if (!r.cpu && !r.memory) return '—';
  return [r.cpu ? `cpu ${formatCpu(r.cpu)}` : '', r.memory ? `memory ${formatMemory(r.memory)}` : ''].filter(Boolean).join(', ');
}

/** One card per container: state and why, restarts, image, requests and limits. */
export function PodContainers({ containers }: { containers: ContainerStatus[] }) {
  if (!containers.length) return <p className="text-sm text-slate-500">No containers.</p>;
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      {containers.map((c) => (
        <div key={c.name} data-testid="container" data-container={c.name} className="rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
          <div className="flex items-center justify-between gap-2">
            <h3 className="font-medium">{c.name}</h3>
            <StatusBadge status={stateWord(c)} tone={c.state === 'running' && c.ready ? 'ok' : c.state === 'terminated' && c.exitCode === 0 ? 'neutral' : undefined} />
          </div>
          <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-slate-700 dark:text-slate-300">
            <dt className="text-slate-500">Image</dt>
            <dd className="font-mono text-xs break-all">{c.image}</dd>
            <dt className="text-slate-500">Restarts</dt>
            <dd className={c.restartCount > 0 ? 'font-medium text-amber-700 dark:text-amber-400' : ''}>{c.restartCount}</dd>
            {c.startedAt && (
              <>
                <dt className="text-slate-500">Started</dt>
                <dd>
                  <Age timestamp={c.startedAt} /> ago
                </dd>
              </>
            )}
            {c.exitCode !== null && c.exitCode !== undefined && (
              <>
                <dt className="text-slate-500">Exit code</dt>
                <dd>{c.exitCode}</dd>
              </>
            )}
            <dt className="text-slate-500">Requests</dt>
            <dd>{resources(c.requests)}</dd>
            <dt className="text-slate-500">Limits</dt>
            <dd>{resources(c.limits)}</dd>
          </dl>
          {c.message && <p className="mt-2 rounded bg-slate-50 p-2 font-mono text-xs break-words text-slate-700 dark:bg-slate-800 dark:text-slate-300">{c.message}</p>}
        </div>
      ))}
    </div>
  );
}
