'use client';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { createClient, type Client } from 'graphql-ws';
import { useCallback, useEffect, useRef, useState } from 'react';
import { graphqlPath } from './cluster';
import { earlyBody, operationNameOf, takeEarlyResponse } from './early-query';

export { operationNameOf };

/** One field error of an Invalid (422) answer, as the API server's Status carries it. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/**
 * The dashboard talks only to GraphQL, through its own server's `/graphql` (same origin; a sandbox
 * cluster's `/clusters/<name>/graphql`, see cluster.ts): the server adds the signed-in user's bearer
 * token, so the browser never holds it.
 */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
    /** The field errors of an Invalid answer (`spec.replicas: Invalid value: -1: …`). */
    readonly causes?: StatusCause[],
  ) {
    super(message);
  }
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; status?: number; causes?: StatusCause[] };
}

/** Operation variables; the generated `...Variables` types (graphql-types.generated.ts) fit here. */
export type Variables = Record<string, unknown>;

/** The SHA-256 of each document sent (hex), as the automatic persisted queries protocol names it. */
const hashes = new Map<string, string>();

function sha256Hex(document: string): string {
  let hash = hashes.get(document);
  if (!hash) hashes.set(document, (hash = bytesToHex(sha256(utf8ToBytes(document)))));
  return hash;
}

/**
 * The body of a POST: Apollo's automatic persisted queries (the `persistedQuery` extension with the document's
 * SHA-256), the document itself only when `withDocument` (the server did not know the hash yet).
 */
export function persistedQueryBody(document: string, variables: Variables | undefined, withDocument: boolean): Record<string, unknown> {
  return { operationName: operationNameOf(document), ...(withDocument ? { query: document } : {}), variables, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(document) } } };
}

/** The answers that mean "send the document": this API server has not seen the hash (each keeps its own cache), or keeps none. */
const needsDocument = (errors: GraphQLErrorBody[] | undefined) => errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND' || error.extensions?.code === 'PERSISTED_QUERY_NOT_SUPPORTED') ?? false;

function post<T>(body: Record<string, unknown>): Promise<{ data?: T; errors?: GraphQLErrorBody[] }> {
  return read<T>(fetch(graphqlPath(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

async function read<T>(response: Promise<Response>): Promise<{ data?: T; errors?: GraphQLErrorBody[] }> {
  const res = await response;
  if (res.status === 401) {
    if (typeof window !== 'undefined' && !window.location.pathname.startsWith('/login')) window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    throw new GraphQLRequestError('Your session has ended: sign in again.', 'Unauthorized', 401);
  }
  try {
    return await res.json();
  } catch {
    throw new GraphQLRequestError(`The dashboard server answered ${res.status} ${res.statusText}`, undefined, res.status);
  }
}

/**
 * Runs one operation; `T` and `V` are its generated result and variables types. The document goes as its hash
 * first (automatic persisted queries): only when the server answers PersistedQueryNotFound is it sent with
 * the hash, which the server then keeps, so each document crosses the wire once per API server.
 */
export async function gql<T, V extends Variables = Variables>(query: string, variables?: V): Promise<T> {
  // The overview's first query may have been sent by the page's <head> already (early-query.ts).
  const early = JSON.stringify(variables ?? {}) === '{}' ? takeEarlyResponse(graphqlPath(), earlyBody(query)) : undefined;
  let body = await (early ? read<T>(early) : post<T>(persistedQueryBody(query, variables, false)));
  if (needsDocument(body.errors)) body = await post<T>(persistedQueryBody(query, variables, true));
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new GraphQLRequestError(body.errors.map((e) => e.message).join('; '), first.extensions?.code, first.extensions?.status, first.extensions?.causes);
  }
  return body.data as T;
}

export interface QueryState<T> {
  data?: T;
  error?: GraphQLRequestError;
  loading: boolean;
  refetch: () => Promise<void>;
}

/** Runs a query on mount and whenever its variables change; `refetch` reruns it (e.g. after a subscription batch). */
export function useQuery<T, V extends Variables = Variables>(query: string, variables?: V, options: { skip?: boolean } = {}): QueryState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<GraphQLRequestError>();
  const [loading, setLoading] = useState(!options.skip);
  const key = JSON.stringify(variables ?? {});
  const generation = useRef(0);
  const run = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const result = await gql<T>(query, JSON.parse(key));
      if (mine !== generation.current) return;
      setData(result);
      setError(undefined);
    } catch (e) {
      if (mine !== generation.current) return;
      setError(e instanceof GraphQLRequestError ? e : new GraphQLRequestError(String(e)));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [query, key]);
  useEffect(() => {
    if (options.skip) return;
    setLoading(true);
    void run();
    return onReconnect(() => void run());
  }, [run, options.skip]);
  return { data, error, loading, refetch: run };
}

let wsClient: Client | undefined;
const reconnectListeners = new Set<() => void>();
let socketOpen = false;

/** Whether the subscription socket is connected right now. */
export function subscriptionSocketOpen(): boolean {
  return socketOpen;
}

/** The one graphql-ws connection of this page (every subscription hook shares it). */
export function subscriptionClient(): Client {
  if (!wsClient) {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    wsClient = createClient({
      url: `${scheme}://${window.location.host}${graphqlPath()}`,
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      // Subscriptions resume by themselves after a reconnect, but what changed while the socket was
      // down is not replayed: every mounted query loads again so the page does not stay stale.
      on: {
        connected: (_socket, _payload, wasRetry) => {
          socketOpen = true;
          if (wasRetry) reconnectListeners.forEach((listener) => listener());
        },
        closed: () => {
          socketOpen = false;
        },
      },
    });
  }
  return wsClient;
}

/** Calls `listener` whenever the subscription socket reconnects after a drop; returns the unsubscribe. */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => {
    reconnectListeners.delete(listener);
  };
}

/**
 * Subscribes while mounted; `onData` gets each batch (the server batches changes, so one call can
 * carry thousands of changes). The latest `onData` is always used without resubscribing.
 */
export function useSubscription<T, V extends Variables = Variables>(query: string, variables: V | undefined, onData: (data: T) => void, options: { skip?: boolean } = {}): void {
  const handler = useRef(onData);
  handler.current = onData;
  const key = JSON.stringify(variables ?? {});
  useEffect(() => {
    if (options.skip) return;
    const dispose = subscriptionClient().subscribe<T>(
      { query, variables: JSON.parse(key) },
      {
        next: (message) => message.data && handler.current(message.data as T),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    return dispose;
  }, [query, key, options.skip]);
}

/** Runs a mutation and keeps its state for the button that triggered it. */
export function useMutation<T, V extends Variables = Variables>(mutation: string): { run: (variables: V) => Promise<T | undefined>; pending: boolean; error?: GraphQLRequestError; reset: () => void } {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<GraphQLRequestError>();
  const run = useCallback(
    async (variables: V) => {
      setPending(true);
      setError(undefined);
      try {
        return await gql<T, V>(mutation, variables);
      } catch (e) {
        setError(e instanceof GraphQLRequestError ? e : new GraphQLRequestError(String(e)));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [mutation],
  );
  return { run, pending, error, reset: () => setError(undefined) };
}
