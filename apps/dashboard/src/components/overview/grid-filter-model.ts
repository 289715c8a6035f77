import { isProblemPod, nodeState, type PodSummary } from './cluster-model';
import type { NodeView } from './cluster-store';

/** The node grid's filters and how they match pods and nodes (pure, tested beside). */
export interface GridFilter {
  namespace: string;
  search: string;
  problemsOnly: boolean;
}

export const NO_FILTER: GridFilter = { namespace: '', search: '', problemsOnly: false };

export const isFiltering = (filter: GridFilter): boolean => filter.namespace !== '' || filter.search.trim() !== '' || filter.problemsOnly;

/** A pod matcher for the filters: `app=web` matches a label, anything else a substring of the name or a label value. */
export function podMatcher(filter: GridFilter): (pod: PodSummary) => boolean {
  const search = filter.search.trim().toLowerCase();
  const [labelKey, labelValue] = search.includes('=') ? search.split('=', 2).map((s) => s.trim()) : [];
  return (pod) => {
    if (filter.namespace && pod.namespace !== filter.namespace) return false;
    if (filter.problemsOnly && !isProblemPod(pod)) return false;
    if (!search) return true;
    if (labelKey !== undefined) return Object.entries(pod.labels ?? {}).some(([k, v]) => k.toLowerCase() === labelKey && (labelValue === '' || String(v).toLowerCase() === labelValue));
    return pod.name.toLowerCase().includes(search) || Object.values(pod.labels ?? {}).some((v) => String(v).toLowerCase().includes(search));
  };
}

/** Whether a node stays on the grid under the filters even without matching pods. */
export function nodeMatches(view: NodeView, filter: GridFilter): boolean {
  const search = filter.search.trim().toLowerCase();
  if (filter.problemsOnly && (!view.node || nodeState(view.node) !== 'ready')) return !search || view.name.toLowerCase().includes(search);
  return !filter.problemsOnly && !filter.namespace && search !== '' && !search.includes('=') && view.name.toLowerCase().includes(search);
}
