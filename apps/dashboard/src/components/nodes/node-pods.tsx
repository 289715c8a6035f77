import Link from 'next/link';
import { podHref, podKey } from '@/components/overview/cluster-model';
import { formatAge, formatBytes, formatCores } from '@/components/ui/format-quantity';
import { EmptyState } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import type { NodePod } from './use-live-node';

const th = 'px-3 py-2 text-left text-xs font-medium text-slate-500 dark:text-slate-400';

/** The pods bound to the node, live. */
export function NodePods({ pods }: { pods: NodePod[] }) {
  const now = Date.now();
  return (
    <section aria-labelledby="node-pods-heading" className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 id="node-pods-heading" className="px-4 pt-3 pb-2 font-semibold">
        Pods <span className="text-sm font-normal text-slate-500">· {pods.length}</span>
      </h2>
      {pods.length === 0 ? (
        <div className="p-3">
          <EmptyState title="No pods on this node" />
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="border-y border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-800/50">
              <tr>
                {['Name', 'Namespace', 'Status', 'Ready', 'Restarts', 'CPU', 'Memory', 'Owner', 'Age'].map((label) => (
                  <th key={label} scope="col" className={th}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {pods.map((pod) => (
                <tr key={podKey(pod)} data-testid="row" data-pod={podKey(pod)} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                  <td className="px-3 py-1.5">
                    <Link href={podHref(pod)} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                      {pod.name}
                    </Link>
                  </td>
                  <td className="px-3 py-1.5 text-slate-600 dark:text-slate-400">{pod.namespace}</td>
                  <td className="px-3 py-1.5">
                    <StatusBadge status={pod.status} />
                  </td>
                  <td className="px-3 py-1.5 tabular-nums">{pod.ready}</td>
                  <td className="px-3 py-1.5 tabular-nums">{pod.restarts}</td>
                  <td className="px-3 py-1.5 tabular-nums">{formatCores(pod.requests.cpu)}</td>
                  <td className="px-3 py-1.5 tabular-nums">{formatBytes(pod.requests.memory)}</td>
                  <td className="px-3 py-1.5 text-slate-600 dark:text-slate-400">{pod.ownerChain?.length ? `${pod.ownerChain[pod.ownerChain.length - 1].kind}/${pod.ownerChain[pod.ownerChain.length - 1].name}` : '–'}</td>
                  <td className="px-3 py-1.5 tabular-nums text-slate-500">{formatAge(pod.createdAt, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
