'use client';
import type { Client } from 'graphql-ws';
import { useEffect, useRef, useState } from 'react';
import { subscriptionClient, subscriptionSocketOpen } from '@/lib/graphql';

/**
 * Like `useSubscription` in `@/lib/graphql`, but it also reports how the stream is doing (an error such as
 * "container is waiting to start", or the end of a finite stream), which streaming views must show.
 * It shares the page's one graphql-ws connection (`subscriptionClient` in `@/lib/graphql`).
 */
export type LiveStatus = 'connecting' | 'live' | 'ended' | 'error';

let client: Client | undefined;
let connected = false;
const connectionListeners = new Set<(connected: boolean) => void>();
function liveClient(): Client {
  if (!client) {
    client = subscriptionClient();
    connected = subscriptionSocketOpen();
    const set = (value: boolean) => {
      connected = value;
      connectionListeners.forEach((listener) => listener(value));
    };
    client.on('connected', () => set(true));
    client.on('closed', () => set(false));
  }
  return client;
}

function describe(error: unknown): string {
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e?.message ?? String(e)).join('; ');
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'code' in error) {
    const close = error as { code: number; reason?: string };
    return `The live connection closed (${close.code}${close.reason ? `: ${close.reason}` : ''})`;
  }
  return String(error);
}

/** Subscribes while mounted and while `variables` stay the same; `onData` gets each batch in one call. */
export function useLiveSubscription<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void, options: { skip?: boolean } = {}): { status: LiveStatus; error?: string } {
  const handler = useRef(onData);
  handler.current = onData;
  const [state, setState] = useState<{ status: LiveStatus; error?: string }>({ status: 'connecting' });
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (options.skip) return;
    setState({ status: 'connecting' });
    const markLive = (isConnected: boolean) => setState((s) => (isConnected ? (s.status === 'connecting' ? { status: 'live' } : s) : s.status === 'live' ? { status: 'connecting' } : s));
    connectionListeners.add(markLive);
    const dispose = liveClient().subscribe<T>(
      { query, variables: JSON.parse(key) },
      {
        next: (message) => {
          if (message.errors?.length) setState({ status: 'error', error: describe(message.errors) });
          else markLive(true);
          if (message.data) handler.current(message.data as T);
        },
        error: (error) => setState({ status: 'error', error: describe(error) }),
        complete: () => setState((s) => (s.status === 'error' ? s : { status: 'ended' })),
      },
    );
    markLive(connected);
    return () => {
      connectionListeners.delete(markLive);
      dispose();
    };
  }, [query, key, options.skip]);
  return state;
}
