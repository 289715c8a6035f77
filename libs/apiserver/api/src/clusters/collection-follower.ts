import type { KubeObject } from '@drydock/util';
import type { WatchSource } from '../watch/watch-source';

/**
 * Calls `handler` for every current object of a collection of the watch cache and for every later change;
 * `close()` ends it. The API server's own loops (system objects, sandbox clusters) follow the cache this way.
 */
export function followCollection(source: WatchSource, filter: { cluster: string; resource: string }, handler: (object: KubeObject, deleted: boolean) => void): { close(): void } {
  const snapshot = source.snapshot(filter);
  for (const object of snapshot.items) handler(object, false);
  return source.watch(filter, snapshot.revision, (events) => events.forEach((event) => handler(event.object, event.type === 'DELETED')));
}
