'use client';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { EventTimeline } from '@/components/events/event-timeline';
import { NodeActions } from '@/components/nodes/node-actions';
import { NodeConditions, NodeResources, NodeTaintsAndLabels } from '@/components/nodes/node-facts';
import { NodePods } from '@/components/nodes/node-pods';
import { NodeShell } from '@/components/nodes/node-shell';
import { NodeStatus } from '@/components/nodes/node-status';
import { NodeYaml } from '@/components/nodes/node-yaml';
import { useLiveNode } from '@/components/nodes/use-live-node';
import { formatAge } from '@/components/ui/format-quantity';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';

/** One node: status and actions first, then resources, conditions, taints, labels, pods, a shell on it, events and YAML; live. */
export default function NodeDetailPage() {
  const name = decodeURIComponent(useParams<{ name: string }>().name);
  const live = useLiveNode(name);
  const { node, pods } = live;

  const header = (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
      <Link href="/nodes" className="hover:underline">
        Nodes
      </Link>{' '}
      / <span className="text-slate-700 dark:text-slate-300">{name}</span>
    </nav>
  );
  if (live.error && node === undefined) {
    return (
      <div className="space-y-4">
        {header}
        <ErrorState error={live.error} title={`Node ${name} could not be read`} />
      </div>
    );
  }
  if (node === undefined) return <Loading label={`Loading node ${name}…`} />;
  if (node === null) {
    return (
      <div className="space-y-4">
        {header}
        <EmptyState title={`There is no node named ${name}`}>
          <Link href="/nodes" className="text-sky-700 underline dark:text-sky-400">
            See all nodes
          </Link>
        </EmptyState>
      </div>
    );
  }

  const requested = { cpu: 0, memory: 0 };
  let active = 0;
  for (const pod of pods) {
    if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    active++;
    requested.cpu += pod.requests.cpu;
    requested.memory += pod.requests.memory;
  }
  return (
    <div className="space-y-4">
      {header}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
            {node.name} <NodeStatus node={node} />
          </h1>
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
            {node.roles.length ? `Roles ${node.roles.join(', ')} · ` : ''}
            {node.internalIP ? `IP ${node.internalIP} · ` : ''}
            {node.kubeletVersion ? `kubelet ${node.kubeletVersion} · ` : ''}
            created {formatAge(node.createdAt)} ago ·{' '}
            <Link href={`/?q=${encodeURIComponent(node.name)}`} className="text-sky-700 hover:underline dark:text-sky-400">
              show on the Overview
            </Link>
          </p>
        </div>
      </div>
      <NodeActions node={node} pods={pods} onNode={live.setNode} />
      <div className="grid gap-4 xl:grid-cols-2">
        <NodeResources node={node} requested={requested} activePods={active} />
        <NodeConditions node={node} />
      </div>
      <NodeTaintsAndLabels node={node} />
      <NodePods pods={pods} />
      <NodeShell node={node.name} />
      <section aria-labelledby="node-events-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="node-events-heading" className="mb-2 font-semibold">
          Events
        </h2>
        <EventTimeline filter={{ kind: 'Node', name: node.name }} compact />
      </section>
      <NodeYaml name={node.name} />
    </div>
  );
}
