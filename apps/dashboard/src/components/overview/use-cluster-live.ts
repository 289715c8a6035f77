'use client';
import { useEffect, useRef, useState } from 'react';
import { useQuery, useSubscription, type GraphQLRequestError } from '@/lib/graphql';
import type { ClusterChangesSubscription, ClusterObjectsQuery } from '@/lib/graphql-types.generated';
import { CLUSTER_CHANGES, CLUSTER_QUERY, podsFromColumns, type ObjectChange } from './cluster-model';
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
 * batch is applied to the store, and the batches of one frame are rendered with ONE state update. Batches that arrive before the
 * first load are held and applied on top of it.
 */
export function useClusterLive(onBatch?: () => void): ClusterLive {
  const [store] = useState(() => new ClusterStore());
  const [generation, setGeneration] = useState(0);
  const held = useRef<ObjectChange[] | null>([]);
  const { data, error, loading, refetch } = useQuery<ClusterObjectsQuery>(CLUSTER_QUERY);
  // The page's first number formatting sets up Intl (0.2 s of the render at load 28): done while the answer is awaited.
  useEffect(() => {
    const timer = setTimeout(() => (1234).toLocaleString(), 0);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (!data) return;
    store.load(data.nodes, podsFromColumns(data.podColumns));
    if (held.current) store.apply(held.current);
    held.current = null;
    setGeneration((g) => g + 1);
  }, [data, store]);

  // Batches are applied to the store as they come; the page renders at most once per frame, so batches
  // that arrive while a render is under way are drawn together instead of queueing a render each.
  const frame = useRef<number | undefined>(undefined);
  useEffect(() => () => cancelAnimationFrame(frame.current ?? 0), []);
  useSubscription<ClusterChangesSubscription>(CLUSTER_CHANGES, undefined, (message) => {
    if (held.current) {
      held.current = held.current.concat(message.objectChanges);
      return;
    }
    if (store.apply(message.objectChanges) && frame.current === undefined) {
      frame.current = requestAnimationFrame(() => {
        frame.current = undefined;
        setGeneration((g) => g + 1);
      });
    }
    onBatch?.();
  });

  return { store, generation, loaded: data !== undefined, loading, error, refetch };
}

/**
 * Calls `refetch` after a batch, at most once per `intervalMs` (the brief: never faster than 5 s) and
 * never while the previous refetch is still running (a cluster summary can take long on a big cluster).
 */
export function useThrottledRefetch(refetch: () => Promise<void>, intervalMs = 5000): () => void {
  const latest = useRef(refetch);
  latest.current = refetch;
  const [throttle] = useState(() => {
    const state = { last: Date.now(), timer: undefined as ReturnType<typeof setTimeout> | undefined, running: false, again: false };
    const schedule = () => {
      if (state.running) {
        state.again = true;
        return;
      }
      if (state.timer) return;
      state.timer = setTimeout(
        async () => {
          state.timer = undefined;
          state.running = true;
          try {
            await latest.current();
          } finally {
            state.running = false;
            state.last = Date.now();
            if (state.again) {
              state.again = false;
              schedule();
            }
          }
        },
        Math.max(0, state.last + intervalMs - Date.now()),
      );
    };
    return { schedule, stop: () => clearTimeout(state.timer) };
  });
  useEffect(() => throttle.stop, [throttle]);
  return throttle.schedule;
}
