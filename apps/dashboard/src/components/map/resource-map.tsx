'use client';
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@/lib/graphql';
import type { KubeKindsQuery } from '@/lib/graphql-types.generated';
import { KINDS_QUERY } from '@/components/kinds/kinds-index';
import { objectHref as kindObjectHref } from '@/components/kinds/kind-paths';
import { objectHref } from '@/components/ui/object-href';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { buildGraph, mapQuery, MAX_MAPPED_PODS, podsOf, podUsesQuery, type GraphEdge, type GraphNode, type MapObject, type ServiceSelector } from './resource-graph';

const NODE_WIDTH = 210;
const NODE_HEIGHT = 46;
const elk = new ELK();

interface Layout {
  width: number;
  height: number;
  nodes: (GraphNode & { x: number; y: number })[];
  edges: (GraphEdge & { points: { x: number; y: number }[] })[];
}

/** ELK's layered layout, left to right: owners before what they own, pods before what they run on and use. */
async function layout(nodes: GraphNode[], edges: GraphEdge[]): Promise<Layout> {
  const graph: ElkNode = {
    id: 'map',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.layered.spacing.nodeNodeBetweenLayers': '70', 'elk.spacing.nodeNode': '18', 'elk.edgeRouting': 'SPLINES' },
    children: nodes.map((node) => ({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: edges.map((edge): ElkExtendedEdge => ({ id: edge.id, sources: [edge.from], targets: [edge.to] })),
  };
  const placed = await elk.layout(graph);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const edgeById = new Map(edges.map((edge) => [edge.id, edge]));
  return {
    width: placed.width ?? 0,
    height: placed.height ?? 0,
    nodes: (placed.children ?? []).map((child) => ({ ...byId.get(child.id)!, x: child.x ?? 0, y: child.y ?? 0 })),
    edges: (placed.edges ?? []).map((edge) => {
      const section = edge.sections?.[0];
      const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
      return { ...edgeById.get(edge.id)!, points };
    }),
  };
}

const tone = (node: GraphNode) =>
  node.root ? 'fill-sky-100 stroke-sky-600 dark:fill-sky-950 dark:stroke-sky-400' : node.phase === 'Running' || node.phase === 'Succeeded' ? 'fill-emerald-50 stroke-emerald-500 dark:fill-emerald-950 dark:stroke-emerald-600' : node.phase ? 'fill-amber-50 stroke-amber-500 dark:fill-amber-950 dark:stroke-amber-600' : 'fill-white stroke-slate-300 dark:fill-slate-900 dark:stroke-slate-600';

/** The map of one object: a graph of everything it owns, selects, uses and runs on, laid out by ELK; each box opens its object. */
export function ResourceMap({ group, version, resource, name, namespace }: { group: string; version: string; resource: string; name: string; namespace?: string }) {
  const kinds = useQuery<KubeKindsQuery>(KINDS_QUERY);
  const kind = kinds.data?.kinds.find((each) => each.group === group && each.version === version && each.resource === resource);
  const map = useQuery<{ object: MapObject | null; services?: { items: ServiceSelector[] } }>(kind ? mapQuery(kind.getField, kind.namespaced) : '', kind?.namespaced ? { name, namespace } : { name }, { skip: !kind?.getField });
  const pods = useMemo(() => (map.data?.object ? podsOf(map.data.object) : []), [map.data]);
  const usesQuery = useMemo(() => podUsesQuery(pods), [pods]);
  const uses = useQuery<Record<string, MapObject | null>>(usesQuery.query, usesQuery.variables, { skip: pods.length === 0 });
  const usesReady = pods.length === 0 || !!uses.data || !!uses.error;
  const graph = useMemo(
    () => (map.data?.object && usesReady ? buildGraph(map.data.object, map.data.services?.items ?? [], Object.values(uses.data ?? {}).filter((pod): pod is MapObject => !!pod)) : undefined),
    [map.data, uses.data, usesReady],
  );
  const [placed, setPlaced] = useState<Layout>();
  const [layoutError, setLayoutError] = useState<string>();
  const router = useRouter();
  useEffect(() => {
    if (!graph) return;
    let current = true;
    layout(graph.nodes, graph.edges).then((result) => current && setPlaced(result), (error: Error) => current && setLayoutError(error.message));
    return () => {
      current = false;
    };
  }, [graph]);
  if ((kinds.loading && !kinds.data) || (map.loading && !map.data)) return <Loading label="Reading the object and its relations…" />;
  if (map.error) return <ErrorState error={map.error} />;
  if (!kind || !map.data?.object) return <EmptyState title="Not found" />;
  if (layoutError) return <ErrorState error={layoutError} title="The layout failed" />;
  const hrefOf = (node: GraphNode) => {
    const page = objectHref({ kind: node.kind, namespace: node.namespace, name: node.name });
    if (page) return page;
    const served = kinds.data?.kinds.find((each) => each.kind === node.kind && each.getField);
    return served ? kindObjectHref(served, node.name, served.namespaced ? node.namespace : undefined) : undefined;
  };
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm text-slate-500">
          <Link href={kindObjectHref(kind, name, namespace)} className="hover:underline">
            {kind.kind} {name}
          </Link>
          {namespace ? ` · ${namespace}` : ''}
        </p>
        <h1 className="text-2xl font-semibold">Map of {name}</h1>
        <p className="text-sm text-slate-500">
          What it is owned by and owns, the Services that select its pods, what the pods run on, run as and use. {graph ? `${graph.nodes.length} objects, ${graph.edges.length} relations.` : ''}
          {pods.length === MAX_MAPPED_PODS ? ` What pods use is shown for the first ${MAX_MAPPED_PODS} pods.` : ''}
        </p>
      {uses.error && <ErrorState error={uses.error} title="What the pods use" />}
      </header>
      {!placed ? (
        <Loading label="Laying out…" />
      ) : (
        <div className="overflow-auto rounded-lg border border-slate-200 bg-white p-2 dark:border-slate-800 dark:bg-slate-900">
          <svg width={placed.width + 20} height={placed.height + 20} data-testid="resource-map" role="img" aria-label={`Map of ${kind.kind} ${name}`}>
            <defs>
              <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" className="fill-slate-400" />
              </marker>
            </defs>
            <g transform="translate(10,10)">
              {placed.edges.map((edge) => (
                <g key={edge.id} data-testid="map-edge" data-edge={edge.id}>
                  <polyline points={edge.points.map((point) => `${point.x},${point.y}`).join(' ')} fill="none" className="stroke-slate-400" strokeWidth={1.2} markerEnd="url(#arrow)" />
                  {edge.points.length > 1 && (
                    <text x={(edge.points[0].x + edge.points[edge.points.length - 1].x) / 2} y={(edge.points[0].y + edge.points[edge.points.length - 1].y) / 2 - 3} textAnchor="middle" className="fill-slate-500 text-[10px]">
                      {edge.relation}
                    </text>
                  )}
                </g>
              ))}
              {placed.nodes.map((node) => {
                const href = hrefOf(node);
                return (
                  <g
                    key={node.id}
                    transform={`translate(${node.x},${node.y})`}
                    data-testid="map-node"
                    data-node={node.id}
                    role={href ? 'link' : undefined}
                    aria-label={`${node.kind} ${node.name}`}
                    className={href ? 'cursor-pointer' : undefined}
                    onClick={() => href && router.push(href)}
                  >
                    <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} className={tone(node)} strokeWidth={node.root ? 2 : 1} />
                    <text x={10} y={18} className="fill-slate-500 text-[11px] font-medium">
                      {node.kind}
                      {node.phase ? ` · ${node.phase}` : ''}
                    </text>
                    <text x={10} y={35} className="fill-slate-900 text-[13px] dark:fill-slate-100">
                      {node.name.length > 28 ? `${node.name.slice(0, 27)}…` : node.name}
                      <title>{node.name}</title>
                    </text>
                  </g>
                );
              })}
            </g>
          </svg>
        </div>
      )}
    </div>
  );
}
