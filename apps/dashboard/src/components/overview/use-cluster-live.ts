'use client';
import { useEffect, useRef, useState } from 'react';
import { useQuery, useSubscription, type GraphQLRequestError } from '@/lib/graphql';
import { CLUSTER_CHANGES, CLUSTER_QUERY, type NodeSummary, type ObjectChange, type PodSummary } from './cluster-model';
import { ClusterStore } from './cluster-store';

export interface ClusterLive {
  store: ClusterStore;
  /** Bumped once per applied batch (and per load): the value to memoise derived data on. */
  generation: number;
  loaded: boolean;
  loading: boolean;
  error?: GraphQLRequestError;
  refetch: () => Promise<void>;
}

/**
 * All nodes and pods, loaded once and then kept live from `objectChanges(kinds: Pod, Node)`: each
 * batch is applied to the store and rendered with ONE state update. Batches that arrive before the
 * first load are held and applied on top of it.
 */
export function useClusterLive(onBatch?: () => void): ClusterLive {
  const [store] = useState(() => new ClusterStore());
  const [generation, setGeneration] = useState(0);
  const held = useRef<ObjectChange[] | null>([]);
  const { data, error, loading, refetch } = useQuery<{ nodes: NodeSummary[]; pods: PodSummary[] }>(CLUSTER_QUERY);

  useEffect(() => {
    if (!data) return;
    store.load(data.nodes, data.pods);
    if (held.current) store.apply(held.current);
    held.current = null;
    setGeneration((g) => g + 1);
  }, [data, store]);

  useSubscription<{ objectChanges: ObjectChange[] }>(CLUSTER_CHANGES, undefined, (message) => {
    if (held.current) {
      held.current.push(...message.objectChanges);
      return;
    }
    if (store.apply(message.objectChanges)) setGeneration((g) => g + 1);
    onBatch?.();
  });

  return { store, generation, loaded: data !== undefined, loading, error, refetch };
}

/** Calls `refetch` after a batch, at most once per `intervalMs` (the brief: never faster than 5 s). */
export function useThrottledRefetch(refetch: () => Promise<void>, intervalMs = 5000): () => void {
  const last = useRef(Date.now());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => () => clearTimeout(timer.current), []);
  const schedule = useRef(() => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + intervalMs - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      void latest.current();
    }, wait);
  });
  return schedule.current;
}
