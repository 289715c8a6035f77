'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { byNaturalName, nodeHref, type NodeSummary } from '@/components/overview/cluster-model';
import type { ClusterStore, NodeView } from '@/components/overview/cluster-store';
import { formatAge, formatBytes, formatCores, percentOf } from '@/components/ui/format-quantity';
import { useListKeyboard } from '@/components/ui/list-keyboard';
import { EmptyState } from '@/components/ui/states';
import { UsageBar } from '@/components/ui/usage-bar';
import { NodeStatus } from './node-status';

interface Row {
  view: NodeView;
  node: NodeSummary;
}

type SortKey = 'name' | 'status' | 'roles' | 'pods' | 'cpu' | 'memory' | 'age' | 'version';

const SORTS: Record<SortKey, (a: Row, b: Row) => number> = {
  name: (a, b) => byNaturalName(a.node.name, b.node.name),
  status: (a, b) => statusRank(a.node) - statusRank(b.node),
  roles: (a, b) => a.node.roles.join(',').localeCompare(b.node.roles.join(',')),
  pods: (a, b) => a.view.active - b.view.active,
  cpu: (a, b) => percentOf(a.view.requested.cpu, a.node.allocatable.cpu) - percentOf(b.view.requested.cpu, b.node.allocatable.cpu),
  memory: (a, b) => percentOf(a.view.requested.memory, a.node.allocatable.memory) - percentOf(b.view.requested.memory, b.node.allocatable.memory),
  age: (a, b) => (b.node.createdAt ?? '').localeCompare(a.node.createdAt ?? ''),
  version: (a, b) => (a.node.kubeletVersion ?? '').localeCompare(b.node.kubeletVersion ?? ''),
};

/** Worst first when sorted by status: powered off, NotReady, cordoned, Ready. */
function statusRank(node: NodeSummary): number {
  return node.poweredOff ? 0 : node.ready !== 'True' ? 1 : node.unschedulable ? 2 : 3;
}

const COLUMNS: { key: SortKey; label: string; className?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'status', label: 'Status' },
  { key: 'roles', label: 'Roles' },
  { key: 'pods', label: 'Pods' },
  { key: 'cpu', label: 'CPU requested', className: 'w-56' },
  { key: 'memory', label: 'Memory requested', className: 'w-56' },
  { key: 'age', label: 'Age' },
  { key: 'version', label: 'Version' },
];

/** Every node with its allocation, sortable by any column, j/k + Enter and / as the other lists; rows follow the live store. */
export function NodesTable({ store, generation }: { store: ClusterStore; generation: number }) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const [search, setSearch] = useState('');
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const rows: Row[] = [];
    for (const name of store.nodeNames()) {
      const view = store.view(name);
      if (view.node && (!needle || name.toLowerCase().includes(needle) || view.node.roles.some((r) => r.includes(needle)))) rows.push({ view, node: view.node });
    }
    const compare = SORTS[sort.key];
    rows.sort((a, b) => (sort.descending ? -1 : 1) * (compare(a, b) || byNaturalName(a.node.name, b.node.name)));
    return rows;
    // `generation` marks a batch applied to the mutable store.
  }, [store, generation, sort, search]);
  const now = Date.now();
  const router = useRouter();
  const open = useCallback((index: number) => router.push(nodeHref(rows[index].node.name)), [router, rows]);
  const [selected, setSelected] = useListKeyboard(rows.length, open);

  if (store.nodeCount === 0) return <EmptyState title="No nodes yet">Nodes appear here as soon as their simulator registers them.</EmptyState>;
  return (
    <div className="space-y-3">
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="Filter by name or role  ( / )"
        data-list-search=""
        aria-label="Filter nodes by name or role"
        className="w-72 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs text-slate-600 dark:border-slate-800 dark:bg-slate-800/50 dark:text-slate-400">
            <tr>
              {COLUMNS.map((column) => (
                <th key={column.key} scope="col" aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'} className={`px-3 py-2 font-medium ${column.className ?? ''}`}>
                  <button type="button" onClick={() => setSort({ key: column.key, descending: sort.key === column.key ? !sort.descending : false })} className="inline-flex items-center gap-1 hover:text-slate-900 dark:hover:text-slate-100">
                    {column.label}
                    <span aria-hidden className="w-2 text-[10px]">
                      {sort.key === column.key ? (sort.descending ? '▼' : '▲') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map(({ view, node }, index) => (
              <tr
                key={node.name}
                data-testid="row"
                data-row-index={index}
                data-node={node.name}
                aria-selected={index === selected}
                onMouseEnter={() => setSelected(index)}
                className="hover:bg-slate-50 aria-selected:bg-sky-50 dark:hover:bg-slate-800/40 dark:aria-selected:bg-sky-950/60"
              >
                <td className="px-3 py-1.5 font-medium">
                  <Link href={nodeHref(node.name)} prefetch={false} className="text-sky-700 hover:underline dark:text-sky-400">
                    {node.name}
                  </Link>
                </td>
                <td className="px-3 py-1.5">
                  <NodeStatus node={node} />
                </td>
                <td className="px-3 py-1.5 text-slate-600 dark:text-slate-400">{node.roles.join(', ') || '<none>'}</td>
                <td className="px-3 py-1.5 tabular-nums">
                  {view.active}/{node.allocatable.pods}
                </td>
                <td className="px-3 py-1.5">
                  <UsageBar compact label="CPU" hideLabel used={view.requested.cpu} total={node.allocatable.cpu} text={`${formatCores(view.requested.cpu)} / ${formatCores(node.allocatable.cpu)}`} />
                </td>
                <td className="px-3 py-1.5">
                  <UsageBar compact label="Memory" hideLabel used={view.requested.memory} total={node.allocatable.memory} text={`${formatBytes(view.requested.memory)} / ${formatBytes(node.allocatable.memory)}`} />
                </td>
                <td className="px-3 py-1.5 tabular-nums text-slate-600 dark:text-slate-400" title={node.createdAt ?? undefined}>
                  {formatAge(node.createdAt, now)}
                </td>
                <td className="px-3 py-1.5 text-slate-600 dark:text-slate-400">{node.kubeletVersion ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="p-4 text-sm text-slate-500">No node matches “{search}”.</p>}
      </div>
    </div>
  );
}
