'use client';
import Link from 'next/link';
import { useQuery } from '@/lib/graphql';
import type { NodeRoomQuery, PodQuery } from '@/lib/graphql-types.generated';
import { formatCpu, formatMemory, type Resources } from './pod-types';

export type SchedulingInfo = NonNullable<PodQuery['pod']>['scheduling'] & {};
export type NodeVerdict = SchedulingInfo['nodes'][number];
type NodeRoom = NodeRoomQuery['nodes'][number];

const NODE_ROOM = /* GraphQL */ `query NodeRoom { nodes { name allocatable { cpu memory pods } requested { cpu memory pods } } }`;

/** For resource reasons, the numbers behind them: what the pod asks for and what the node has free. */
function resourceDetail(reason: string, room: NodeRoom | undefined, podRequests: Resources): string | undefined {
  if (!room) return undefined;
  if (reason === 'Insufficient cpu') {
    const free = Math.max(0, room.allocatable.cpu - room.requested.cpu);
    return `does not have enough free CPU: the pod asks for ${formatCpu(podRequests.cpu)} ${podRequests.cpu === 1 ? 'core' : 'cores'}, ${formatCpu(free)} of ${formatCpu(room.allocatable.cpu)} are free`;
  }
  if (reason === 'Insufficient memory') {
    const free = Math.max(0, room.allocatable.memory - room.requested.memory);
    return `does not have enough free memory: the pod asks for ${formatMemory(podRequests.memory)}, ${formatMemory(free)} of ${formatMemory(room.allocatable.memory)} are free`;
  }
  if (reason === 'Too many pods') return `already runs ${room.requested.pods} of the ${room.allocatable.pods} pods it allows`;
  return undefined;
}

/** When no node could hold the pod even empty, waiting will not help: say so, with the largest node's size. */
function neverFits(nodes: NodeRoom[], podRequests: Resources): string | undefined {
  if (!nodes.length) return undefined;
  const maxCpu = Math.max(...nodes.map((n) => n.allocatable.cpu));
  const maxMemory = Math.max(...nodes.map((n) => n.allocatable.memory));
  if (podRequests.cpu > maxCpu) return `No node can ever fit this pod: it asks for ${formatCpu(podRequests.cpu)} CPU cores and the largest node has ${formatCpu(maxCpu)} allocatable. Lower the request, or add a bigger node.`;
  if (podRequests.memory > maxMemory) return `No node can ever fit this pod: it asks for ${formatMemory(podRequests.memory)} of memory and the largest node has ${formatMemory(maxMemory)} allocatable. Lower the request, or add a bigger node.`;
  return undefined;
}

/** The explanation without the leading "node: " the API puts there (the node name is shown beside it). */
function plainWords(verdict: NodeVerdict): string {
  const prefix = `${verdict.node}: `;
  return verdict.explanation.startsWith(prefix) ? verdict.explanation.slice(prefix.length) : verdict.explanation;
}

/** "Why each node said no" for an unscheduled pod, nodes grouped by the same reasons. */
export function SchedulingReasons({ scheduling, podRequests }: { scheduling: SchedulingInfo; podRequests: Resources }) {
  const needsRoom = scheduling.nodes.some((n) => n.reasons.some((r) => /^(Insufficient (cpu|memory)|Too many pods)$/.test(r)));
  const { data } = useQuery<NodeRoomQuery>(NODE_ROOM, undefined, { skip: !needsRoom });
  const rooms = new Map(data?.nodes.map((n) => [n.name, n]));
  const groups = new Map<string, NodeVerdict[]>();
  for (const verdict of scheduling.nodes) {
    const key = [...verdict.reasons].sort().join(' · ') || 'No reason recorded';
    groups.set(key, [...(groups.get(key) ?? []), verdict]);
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  const never = data ? neverFits(data.nodes, podRequests) : undefined;
  return (
    <section data-testid="scheduling-reasons" aria-labelledby="scheduling-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950/40">
      <h2 id="scheduling-heading" className="text-base font-semibold text-amber-900 dark:text-amber-200">
        Why this pod is not scheduled
      </h2>
      {scheduling.message && <p className="mt-1 font-mono text-sm break-words text-amber-900 dark:text-amber-200">{scheduling.message}</p>}
      {never && (
        <p data-testid="never-fits" className="mt-2 rounded-md bg-white px-3 py-2 text-sm font-medium text-red-800 dark:bg-slate-900 dark:text-red-300">
          {never}
        </p>
      )}
      {scheduling.nodes.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">The scheduler has not recorded a per-node verdict for this pod yet (it may not have tried, or there are no nodes).</p>
      ) : (
        <div className="mt-3 space-y-3">
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {scheduling.nodes.length} node{scheduling.nodes.length === 1 ? '' : 's'} said no, for {sorted.length} different reason{sorted.length === 1 ? '' : 's'}:
          </p>
          {sorted.map(([key, verdicts]) => (
            <div key={key} data-testid="scheduling-group" className="rounded-md border border-amber-200 bg-white p-3 dark:border-amber-900 dark:bg-slate-900">
              <h3 className="flex flex-wrap items-center gap-2 text-sm font-medium">
                <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900 tabular-nums dark:bg-amber-950 dark:text-amber-200">
                  {verdicts.length} node{verdicts.length === 1 ? '' : 's'}
                </span>
                {key}
              </h3>
              <ul className="mt-2 space-y-1 text-sm">
                {verdicts.map((v) => {
                  const details = v.reasons.map((r) => resourceDetail(r, rooms.get(v.node), podRequests)).filter(Boolean);
                  return (
                    <li key={v.node} data-testid="scheduling-node" data-node={v.node} className="flex flex-wrap gap-x-2">
                      <Link href={`/nodes/${encodeURIComponent(v.node)}`} className="font-medium text-sky-700 hover:underline dark:text-sky-300">
                        {v.node}
                      </Link>
                      <span className="text-slate-700 dark:text-slate-300">{details.length === v.reasons.length && details.length ? `${details.join('; ')}.` : [...details, plainWords(v)].join('; ')}</span>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
