import type { Readable } from 'node:stream';
import { ApiError, ResourceRef, resourcePath } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { CallerKube } from '../kube/caller-kube';

export interface WatchChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
  /** The length of the watch line it was read from: what it counts for in a subscriber's pending bound. */
  bytes?: number;
}

const RECONNECT_MS = 1_000;
/** Watch lines remembered per resource for other subscribers' feeds (a few seconds of a busy rollout). */
const RECENT_LINES = 4096;

/**
 * The changes of the last watch lines of each resource, shared by every feed. Each subscriber still
 * has its own watch, as itself (what it may see is the API's decision, per subscriber); the API
 * server encodes an event once for all its watchers, so the same line reaching several subscribers
 * is parsed once and they share its (never mutated) change.
 */
class RecentLines {
  private readonly changes = new Map<string, WatchChange>();

  get(line: string): WatchChange | undefined {
    return this.changes.get(line);
  }

  set(line: string, change: WatchChange): void {
    if (this.changes.size >= RECENT_LINES) this.changes.delete(this.changes.keys().next().value as string);
    this.changes.set(line, change);
  }
}

const recentLines = new Map<string, RecentLines>();

function recentLinesOf(ref: ResourceRef): RecentLines {
  const key = `${ref.group}/${ref.version}/${ref.resource}`;
  let lines = recentLines.get(key);
  if (!lines) recentLines.set(key, (lines = new RecentLines()));
  return lines;
}

/** Splits a response into lines as they arrive (watch events, log lines); calls onEnd once. */
export function readLines(response: Readable, onLine: (line: string) => void, onEnd: () => void): void {
  let buffer = '';
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    if (buffer) onLine(buffer);
    onEnd();
  };
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      onLine(line);
    }
  });
  response.on('end', end);
  response.on('close', end);
  response.on('error', end);
}

/**
 * A watch of one resource through the REST API as the caller, starting now (the collection's current
 * resourceVersion: a subscription reports changes, not the objects that already exist), served by
 * the API server's watch cache. It resumes from the last resourceVersion seen when the stream ends,
 * and from the current one after 410 Gone. The first list and the first watch are awaited, so a caller
 * refused either (no `list`, or `list` without `watch`) fails the subscription at once with the API's
 * error, as a refused watch fails upstream; later reconnections retry.
 */
export async function openWatchFeed(kube: CallerKube, ref: ResourceRef, namespace: string | undefined, onChange: (change: WatchChange) => void, options: { labelSelector?: string } = {}): Promise<{ close(): void }> {
  const { labelSelector } = options;
  const parsed = recentLinesOf(ref);
  const first = await kube.raw<{ metadata?: { resourceVersion?: string } }>({ method: 'GET', path: resourcePath(ref, namespace), query: { limit: 1, labelSelector } });
  let resourceVersion = first.metadata?.resourceVersion ?? '';
  let closed = false;
  let abort: (() => void) | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = (): Promise<unknown> | undefined => {
    if (closed) return undefined;
    const stream = kube.stream({ method: 'GET', path: resourcePath(ref, namespace), query: { watch: true, resourceVersion, allowWatchBookmarks: true, labelSelector } });
    abort = stream.abort;
    let gone = false;
    stream.response.then(
      (response) =>
        readLines(
          response,
          (line) => {
            if (!line.trim()) return;
            const known = parsed.get(line);
            if (known) {
              if (known.object.metadata?.resourceVersion) resourceVersion = known.object.metadata.resourceVersion;
              return onChange(known);
            }
            let event: { type?: string; object?: KubeObject & { code?: number } };
            try {
              event = JSON.parse(line);
            } catch {
              return;
            }
            if (!event.object) return;
            if (event.type === 'ERROR') gone = event.object.code === 410;
            else if (event.object.metadata?.resourceVersion) resourceVersion = event.object.metadata.resourceVersion;
            if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') {
              const change: WatchChange = { type: event.type, object: { ...event.object, apiVersion: event.object.apiVersion ?? (ref.group ? `${ref.group}/${ref.version}` : ref.version), kind: event.object.kind ?? ref.kind }, bytes: line.length };
              parsed.set(line, change);
              onChange(change);
            }
          },
          () => schedule(gone),
        ),
      () => schedule(false),
    );
    return stream.response;
  };
  const schedule = (gone: boolean) => {
    if (closed) return;
    retry = setTimeout(async () => {
      if (gone) {
        try {
          resourceVersion = (await kube.raw<{ metadata?: { resourceVersion?: string } }>({ method: 'GET', path: resourcePath(ref, namespace), query: { limit: 1, labelSelector } })).metadata?.resourceVersion ?? '';
        } catch {
          return schedule(true);
        }
      }
      connect();
    }, RECONNECT_MS);
  };
  const close = () => {
    closed = true;
    clearTimeout(retry);
    abort?.();
  };
  try {
    await connect();
  } catch (error) {
    if (error instanceof ApiError && (error.code === 401 || error.code === 403)) {
      close();
      throw error;
    }
  }
  return { close };
}
