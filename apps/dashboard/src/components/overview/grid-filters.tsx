'use client';
import { isFiltering, NO_FILTER, type GridFilter } from './grid-filter-model';

/** Namespace, search (name, label pair or node name) and problems-only, above the grid. */
export function GridFilters({ filter, onChange, namespaces, shown, total }: { filter: GridFilter; onChange: (filter: GridFilter) => void; namespaces: string[]; shown: number; total: number }) {
  const input = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';
  return (
    <div role="search" aria-label="Filter the node grid" className="flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Namespace</span>
        <select value={filter.namespace} onChange={(e) => onChange({ ...filter, namespace: e.target.value })} className={input}>
          <option value="">All namespaces</option>
          {namespaces.map((ns) => (
            <option key={ns} value={ns}>
              {ns}
            </option>
          ))}
        </select>
      </label>
      <input
        type="search"
        value={filter.search}
        onChange={(e) => onChange({ ...filter, search: e.target.value })}
        placeholder="Pod, label (app=web) or node"
        aria-label="Search pods by name or label, or nodes by name"
        className={`${input} w-72`}
      />
      <label className="flex items-center gap-1.5 text-sm">
        <input type="checkbox" checked={filter.problemsOnly} onChange={(e) => onChange({ ...filter, problemsOnly: e.target.checked })} className="h-4 w-4 accent-sky-600" />
        Problems only
      </label>
      {isFiltering(filter) && (
        <>
          <span className="text-xs text-slate-500 dark:text-slate-400">
            {shown} of {total} nodes
          </span>
          <button type="button" onClick={() => onChange(NO_FILTER)} className="rounded px-2 py-1 text-xs text-sky-700 hover:bg-slate-100 dark:text-sky-400 dark:hover:bg-slate-800">
            Clear filters
          </button>
        </>
      )}
    </div>
  );
}
