'use client';
import { useCallback, useEffect, useState } from 'react';
import { useQuery, useSubscription, type GraphQLRequestError } from '@/lib/graphql';
import { NODE_FIELDS, POD_FIELDS, podKey, type NodeSummary, type ObjectChange, type PodSummary, type Resources } from '@/components/overview/cluster-model';

export interface Condition {
  type: string;
  status: string;
  reason?: string | null;
  message?: string | null;
  lastTransitionTime?: string | null;
}

export interface NodeDetail extends NodeSummary {
  labels?: Record<string, string> | null;
  taints: { key: string; value?: string | null; effect: string }[];
  conditions: Condition[];
  limits?: Resources;
}

export interface NodePod extends PodSummary {
  ownerChain?: { kind: string; name: string }[];
}

const DETAIL_FIELDS = `${NODE_FIELDS} labels taints { key value effect } conditions { type status reason message lastTransitionTime }`;
const NODE_QUERY = `query NodeDetail($name: String!, $fieldSelector: String!) {
  node(name: $name) { ${DETAIL_FIELDS} limits { cpu memory pods } }
  pods(fieldSelector: $fieldSelector) { ${POD_FIELDS} ownerChain { kind name } } }`;
const NODE_CHANGES = `subscription NodeDetailChanges { objectChanges(kinds: ["Pod", "Node"]) { type kind namespace name pod { ${POD_FIELDS} } node { ${DETAIL_FIELDS} } } }`;

export interface LiveNode {
  node?: NodeDetail | null;
  pods: NodePod[];
  loading: boolean;
  error?: GraphQLRequestError;
  refetch: () => Promise<void>;
  /** Takes a node a mutation answered with (flat fields). */
  setNode: (node: Partial<NodeDetail>) => void;
}

/** One node and its pods, kept live from `objectChanges` (one state update per batch). */
export function useLiveNode(name: string): LiveNode {
  const query = useQuery<{ node: NodeDetail | null; pods: NodePod[] }>(NODE_QUERY, { name, fieldSelector: `spec.nodeName=${name}` });
  const [node, setNodeState] = useState<NodeDetail | null>();
  const [pods, setPods] = useState<Map<string, NodePod>>(new Map());

  useEffect(() => {
    if (!query.data) return;
    setNodeState(query.data.node);
    setPods(new Map(query.data.pods.map((pod) => [podKey(pod), pod])));
  }, [query.data]);

  useSubscription<{ objectChanges: ObjectChange[] }>(NODE_CHANGES, undefined, ({ objectChanges }) => {
    const nodeChange = objectChanges.filter((c) => c.kind === 'Node' && c.name === name).pop();
    if (nodeChange) setNodeState((previous) => (nodeChange.type === 'DELETED' ? null : { ...previous, ...(nodeChange.node as NodeDetail) }));
    const podChanges = objectChanges.filter((c) => c.kind === 'Pod');
    if (podChanges.length === 0) return;
    setPods((previous) => {
      let next: Map<string, NodePod> | undefined;
      for (const change of podChanges) {
        const key = podKey(change);
        const known = previous.get(key) ?? next?.get(key);
        const here = change.type !== 'DELETED' && change.pod?.nodeName === name;
        if (!here && !known) continue;
        next ??= new Map(previous);
        if (here) next.set(key, { ...change.pod!, ownerChain: known?.ownerChain });
        else next.delete(key);
      }
      return next ?? previous;
    });
  });

  const setNode = useCallback((update: Partial<NodeDetail>) => setNodeState((previous) => (previous ? { ...previous, ...update } : previous)), []);
  const list = [...pods.values()].sort((a, b) => podKey(a).localeCompare(podKey(b)));
  return { node: query.data ? node : undefined, pods: list, loading: query.loading, error: query.error, refetch: query.refetch, setNode };
}
