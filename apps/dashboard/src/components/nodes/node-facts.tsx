import { formatAge, formatBytes, formatCores } from '@/components/ui/format-quantity';
import { StatusBadge } from '@/components/ui/status-badge';
import { UsageBar } from '@/components/ui/usage-bar';
import type { NodeDetail } from './use-live-node';

const card = 'rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900';
const th = 'px-2 py-1 text-left text-xs font-medium text-slate-500 dark:text-slate-400';

/** Capacity, allocatable and what the node's pods request (live) and limit. */
export function NodeResources({ node, requested, activePods }: { node: NodeDetail; requested: { cpu: number; memory: number }; activePods: number }) {
  return (
    <section aria-labelledby="resources-heading" className={card}>
      <h2 id="resources-heading" className="mb-3 font-semibold">
        Resources
      </h2>
      <div className="mb-3 space-y-1.5">
        <UsageBar label="CPU" used={requested.cpu} total={node.allocatable.cpu} text={`${formatCores(requested.cpu)} / ${formatCores(node.allocatable.cpu)} requested`} />
        <UsageBar label="Memory" used={requested.memory} total={node.allocatable.memory} text={`${formatBytes(requested.memory)} / ${formatBytes(node.allocatable.memory)} requested`} />
        <UsageBar label="Pods" used={activePods} total={node.allocatable.pods} text={`${activePods} / ${node.allocatable.pods}`} />
      </div>
      <table className="w-full text-sm">
        <thead>
          <tr>
            <th className={th} scope="col">
              Resource
            </th>
            <th className={th} scope="col">
              Capacity
            </th>
            <th className={th} scope="col">
              Allocatable
            </th>
            <th className={th} scope="col">
              Requested
            </th>
            <th className={th} scope="col">
              Limits
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          <tr>
            <th scope="row" className={th}>
              CPU
            </th>
            <td className="px-2 py-1">{formatCores(node.capacity.cpu)}</td>
            <td className="px-2 py-1">{formatCores(node.allocatable.cpu)}</td>
            <td className="px-2 py-1">{formatCores(requested.cpu)}</td>
            <td className="px-2 py-1">{node.limits ? formatCores(node.limits.cpu) : '–'}</td>
          </tr>
          <tr>
            <th scope="row" className={th}>
              Memory
            </th>
            <td className="px-2 py-1">{formatBytes(node.capacity.memory)}</td>
            <td className="px-2 py-1">{formatBytes(node.allocatable.memory)}</td>
            <td className="px-2 py-1">{formatBytes(requested.memory)}</td>
            <td className="px-2 py-1">{node.limits ? formatBytes(node.limits.memory) : '–'}</td>
          </tr>
          <tr>
            <th scope="row" className={th}>
              Pods
            </th>
            <td className="px-2 py-1">{node.capacity.pods}</td>
            <td className="px-2 py-1">{node.allocatable.pods}</td>
            <td className="px-2 py-1">{activePods}</td>
            <td className="px-2 py-1">–</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** The node's conditions, most telling first (Ready), with reasons and messages. */
export function NodeConditions({ node }: { node: NodeDetail }) {
  const conditions = [...node.conditions].sort((a, b) => (a.type === 'Ready' ? -1 : b.type === 'Ready' ? 1 : a.type.localeCompare(b.type)));
  return (
    <section aria-labelledby="conditions-heading" className={card}>
      <h2 id="conditions-heading" className="mb-2 font-semibold">
        Conditions
      </h2>
      {conditions.length === 0 ? (
        <p className="text-sm text-slate-500">The node has reported no conditions.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr>
              <th className={th} scope="col">
                Type
              </th>
              <th className={th} scope="col">
                Status
              </th>
              <th className={th} scope="col">
                Reason / message
              </th>
              <th className={th} scope="col">
                Since
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {conditions.map((c) => {
              const healthy = c.type === 'Ready' ? c.status === 'True' : c.status === 'False';
              return (
                <tr key={c.type} data-testid="condition" data-type={c.type}>
                  <td className="px-2 py-1 font-medium">{c.type}</td>
                  <td className="px-2 py-1">
                    <StatusBadge status={c.status} tone={healthy ? 'ok' : c.status === 'Unknown' ? 'warning' : 'error'} />
                  </td>
                  <td className="px-2 py-1 text-slate-600 dark:text-slate-400">
                    <span className="font-medium text-slate-800 dark:text-slate-200">{c.reason}</span> {c.message}
                  </td>
                  <td className="px-2 py-1 tabular-nums text-slate-500" title={c.lastTransitionTime ?? undefined}>
                    {formatAge(c.lastTransitionTime)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Taints (what the scheduler keeps off) and labels (what selectors match). */
export function NodeTaintsAndLabels({ node }: { node: NodeDetail }) {
  const chip = 'inline-block rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800';
  return (
    <section aria-labelledby="taints-heading" className={`${card} space-y-3`}>
      <div>
        <h2 id="taints-heading" className="mb-2 font-semibold">
          Taints
        </h2>
        {node.taints.length === 0 ? (
          <p className="text-sm text-slate-500">No taints.</p>
        ) : (
          <ul className="flex flex-wrap gap-1.5">
            {node.taints.map((t) => (
              <li key={`${t.key}:${t.effect}`} data-testid="taint" className={`${chip} bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200`}>
                {t.key}
                {t.value ? `=${t.value}` : ''}:{t.effect}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h2 className="mb-2 font-semibold">Labels</h2>
        <ul className="flex flex-wrap gap-1.5">
          {Object.entries(node.labels ?? {}).map(([key, value]) => (
            <li key={key} className={chip}>
              {key}={String(value)}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
