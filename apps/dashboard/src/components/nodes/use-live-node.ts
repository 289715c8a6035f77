'use client';
import { useCallback, useEffect, useState } from 'react';
import { useQuery, useSubscription, type GraphQLRequestError } from '@/lib/graphql';
import { NODE_FIELDS, POD_FIELDS, RESOURCES_FIELDS, podKey } from '@/components/overview/cluster-model';
import { CONDITION_FIELDS } from '@/components/ui/conditions-table';
import type { NodeDetailChangesSubscription, NodeDetailChangesSubscriptionVariables, NodeDetailQuery, NodeDetailQueryVariables } from '@/lib/graphql-types.generated';

export type NodeDetail = NonNullable<NodeDetailQuery['node']>;
export type NodePod = Omit<NodeDetailQuery['pods'][number], 'ownerChain'> & { ownerChain?: NodeDetailQuery['pods'][number]['ownerChain'] };

/** Send with NODE_FIELDS, RESOURCES_FIELDS and CONDITION_FIELDS. */
const DETAIL_FIELDS = /* GraphQL */ `fragment NodeDetailFields on Node {
  ...NodeSummary labels taints { key value effect } conditions { ...ConditionFields }
}`;
const NODE_QUERY = /* GraphQL */ `query NodeDetail($name: String!, $fieldSelector: String!) {
  node(name: $name) { ...NodeDetailFields limits { ...ResourcesFields } }
  pods(fieldSelector: $fieldSelector) { ...PodSummary deletionTimestamp ownerChain { kind name } }
}
${DETAIL_FIELDS}
${NODE_FIELDS}
${POD_FIELDS}
${RESOURCES_FIELDS}
${CONDITION_FIELDS}`;
const NODE_CHANGES = /* GraphQL */ `subscription NodeDetailChanges {
  objectChanges(kinds: ["Pod", "Node"]) { type kind namespace name pod { ...PodSummary deletionTimestamp } node { ...NodeDetailFields } }
}
${DETAIL_FIELDS}
${NODE_FIELDS}
${POD_FIELDS}
${RESOURCES_FIELDS}
${CONDITION_FIELDS}`;

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
  const query = useQuery<NodeDetailQuery, NodeDetailQueryVariables>(NODE_QUERY, { name, fieldSelector: `spec.nodeName=${name}` });
  const [node, setNodeState] = useState<NodeDetail | null>();
  const [pods, setPods] = useState<Map<string, NodePod>>(new Map());

  useEffect(() => {
    if (!query.data) return;
    setNodeState(query.data.node);
    setPods(new Map(query.data.pods.map((pod) => [podKey(pod), pod])));
  }, [query.data]);

  useSubscription<NodeDetailChangesSubscription, NodeDetailChangesSubscriptionVariables>(NODE_CHANGES, undefined, ({ objectChanges }) => {
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
