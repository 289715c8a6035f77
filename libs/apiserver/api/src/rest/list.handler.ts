import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import { ALL_CLUSTERS, type ObjectStore } from '@drydock/storage';
import { ResourceDefinition, apiVersionOf, qualifiedResource } from '@drydock/registry';
import { assertResourceVersionInRange } from '../watch/watch-params';
import type { WatchSource } from '../watch/watch-source';
import { decodeContinue, expiredContinueMessage } from './continue-token';
import { listAllClusters, listFromCache } from './list-from-cache';
import { ListPage, ListRequest, tokenAfter } from './list-page';
import { parseSelection } from './selection';

export type { ListPage, ListRequest } from './list-page';

const scanPageSize = 500;

/** A list's `limit`: none for absent or 0, a 400 for what is not an int64 of digits (as upstream's). */
export function parseLimit(value: string | null): number | undefined {
  if (value === null || value === '' || value === '0') return undefined;
  const limit = Number(value);
  // Upstream's limit is an int64; past that it is a 400. Any limit above the number of objects lists them all.
  if (!Number.isInteger(limit) || limit < 0 || !/^\d+$/.test(value) || BigInt(value) > 2n ** 63n - 1n) throw StatusError.badRequest(`limit: Invalid value: "${value}"`);
  return Math.min(limit, Number.MAX_SAFE_INTEGER - 1);
}

export function parseListRequest(def: ResourceDefinition, cluster: string, namespace: string, query: URLSearchParams): ListRequest {
  const limit = parseLimit(query.get('limit'));
  const selection = parseSelection(def, query);
  const continueValue = query.get('continue');
  const resourceVersion = query.get('resourceVersion') ?? '';
  assertResourceVersionInRange(resourceVersion);
  if (continueValue && resourceVersion) throw StatusError.badRequest('specifying resource version is not allowed when using continue');
  const collection = { cluster, resource: qualifiedResource(def), namespace: def.namespaced && namespace ? namespace : undefined };
  const continueFrom = continueValue ? decodeContinue(continueValue) : undefined;
  return { collection, selection, limit, resourceVersion, resourceVersionMatch: query.get('resourceVersionMatch') ?? '', continueFrom };
}

/**
 * LIST. With the watch cache (`cache`), served from it where upstream's cacher serves lists (see
 * listFromCache); otherwise, or when the cache cannot answer, from PostgreSQL. Either way pages are
 * filled the same way: objects in key order, filtered by the selectors, until `limit` matched; a
 * continue token carries the list's revision and the last item's key, and one older than the
 * compacted change log is 410 Gone.
 */
export async function listObjects(store: ObjectStore, def: ResourceDefinition, cluster: string, namespace: string, query: URLSearchParams, cache?: WatchSource): Promise<ListPage> {
  const request = parseListRequest(def, cluster, namespace, query);
  if (cluster === ALL_CLUSTERS) return listAllClusters(cache, store, request);
  if (request.continueFrom && request.continueFrom.revision < (await store.compactedRevision())) throw StatusError.expired(expiredContinueMessage);
  return (cache && (await listFromCache(cache, store, request))) ?? listFromStore(store, request);
}

/** Reads pages of the current objects from PostgreSQL (a continuation reads them at their current state). */
async function listFromStore(store: ObjectStore, request: ListRequest): Promise<ListPage> {
  const { limit, selection, collection } = request;
  let after = request.continueFrom;
  const items: KubeObject[] = [];
  let revision = after?.revision;
  for (;;) {
    const page = await store.list(collection, { limit: limit ? Math.max(limit - items.length, scanPageSize) : undefined, after: after && { namespace: after.namespace, name: after.name } });
    revision ??= page.revision;
    for (const [index, object] of page.items.entries()) {
      if (!selection.matches(object)) continue;
      items.push(object);
      if (limit && items.length === limit) {
        const more = index < page.items.length - 1 || page.next !== undefined;
        return { items, resourceVersion: String(revision), continueToken: more ? tokenAfter(revision, object) : undefined };
      }
    }
    if (!page.next) return { items, resourceVersion: String(revision) };
    after = { revision, ...page.next };
  }
}

/** The `<Kind>List` body; items keep their own apiVersion/kind. */
export function listBody(def: ResourceDefinition, page: ListPage): { kind: string; apiVersion: string; metadata: Record<string, unknown>; items: KubeObject[] } {
  const metadata: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.continueToken) metadata.continue = page.continueToken;
  return { kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata, items: page.items };
}
