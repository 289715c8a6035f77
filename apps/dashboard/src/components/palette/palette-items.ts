import type { PaletteQuery } from '@/lib/graphql-types.generated';
import { fuzzyMatch } from './fuzzy';

export type PaletteGroup = 'Page' | 'Node' | 'Workload' | 'Namespace' | 'Pod';

export interface PaletteItem {
  id: string;
  group: PaletteGroup;
  /** What is matched and shown: `node-3`, `default/web`, `Deployment default/web`. */
  label: string;
  detail?: string;
  status?: string;
  href: string;
}

export type PaletteData = PaletteQuery;

/** One query when the palette opens: everything it can jump to. */
export const PALETTE_QUERY = /* GraphQL */ `query Palette {
  namespaces { name podCount }
  nodes { name status }
  workloads { kind namespace name status }
  pods { namespace name status } }`;

export const PAGES: PaletteItem[] = [
  { id: 'page:/', group: 'Page', label: 'Overview', detail: 'g o', href: '/' },
  { id: 'page:/nodes', group: 'Page', label: 'Nodes', detail: 'g n', href: '/nodes' },
  { id: 'page:/workloads', group: 'Page', label: 'Workloads', detail: 'g w', href: '/workloads' },
  { id: 'page:/pods', group: 'Page', label: 'Pods', detail: 'g p', href: '/pods' },
  { id: 'page:/events', group: 'Page', label: 'Events', detail: 'g e', href: '/events' },
  { id: 'page:/control-plane', group: 'Page', label: 'Control plane', detail: 'g c', href: '/control-plane' },
  { id: 'page:/kinds', group: 'Page', label: 'All kinds', detail: 'g k', href: '/kinds' },
  { id: 'page:/helm', group: 'Page', label: 'Helm releases', detail: 'g h', href: '/helm' },
  { id: 'page:/apply', group: 'Page', label: 'Apply YAML', detail: 'g a', href: '/apply' },
  { id: 'page:/access', group: 'Page', label: 'My access', detail: 'g m', href: '/access' },
  { id: 'page:/clusters', group: 'Page', label: 'Clusters', detail: 'g x', href: '/clusters' },
  { id: 'page:/people', group: 'Page', label: 'Users & teams', detail: 'g u', href: '/people' },
  { id: 'page:/audit', group: 'Page', label: 'Audit', detail: 'g l', href: '/audit' },
  { id: 'page:/graphiql', group: 'Page', label: 'GraphQL explorer', detail: 'g q', href: '/graphiql' },
];

const e = encodeURIComponent;

export function paletteItems(data: PaletteData | undefined): PaletteItem[] {
  if (!data) return PAGES;
  return [
    ...PAGES,
    ...data.nodes.map((n): PaletteItem => ({ id: `node:${n.name}`, group: 'Node', label: n.name, status: n.status, href: `/nodes/${e(n.name)}` })),
    ...data.workloads.map((w): PaletteItem => ({ id: `workload:${w.kind}/${w.namespace}/${w.name}`, group: 'Workload', label: `${w.namespace}/${w.name}`, detail: w.kind, status: w.status, href: `/workloads/${w.kind}/${e(w.namespace)}/${e(w.name)}` })),
    ...data.namespaces.map((ns): PaletteItem => ({ id: `ns:${ns.name}`, group: 'Namespace', label: ns.name, detail: `${ns.podCount} pods`, href: `/pods?namespace=${e(ns.name)}` })),
    ...data.pods.map((p): PaletteItem => ({ id: `pod:${p.namespace}/${p.name}`, group: 'Pod', label: `${p.namespace}/${p.name}`, status: p.status, href: `/pods/${e(p.namespace)}/${e(p.name)}` })),
  ];
}

const GROUP_BONUS: Record<PaletteGroup, number> = { Page: 8, Node: 4, Workload: 4, Namespace: 3, Pod: 0 };
const LIMIT = 50;

export interface RankedItem {
  item: PaletteItem;
  positions: number[];
}

/**
 * The best matches for a query, grouped words (`deploy web`) each matching the kind or the label.
 * Without a query: the pages, then the first nodes, workloads and namespaces.
 */
export function rankItems(items: PaletteItem[], query: string): RankedItem[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items.filter((i) => i.group !== 'Pod').slice(0, LIMIT).map((item) => ({ item, positions: [] }));
  const ranked: (RankedItem & { score: number })[] = [];
  for (const item of items) {
    let score = GROUP_BONUS[item.group];
    let positions: number[] = [];
    let ok = true;
    for (const word of words) {
      const onLabel = fuzzyMatch(word, item.label);
      const onKind = fuzzyMatch(word, `${item.group} ${item.detail ?? ''}`);
      const best = onLabel && (!onKind || onLabel.score >= onKind.score - 20) ? onLabel : onKind;
      if (!best) {
        ok = false;
        break;
      }
      score += best.score;
      if (best === onLabel) positions = positions.concat(onLabel.positions);
    }
    if (ok) ranked.push({ item, positions, score });
  }
  ranked.sort((a, b) => b.score - a.score || a.item.label.localeCompare(b.item.label, undefined, { numeric: true }));
  return ranked.slice(0, LIMIT);
}
