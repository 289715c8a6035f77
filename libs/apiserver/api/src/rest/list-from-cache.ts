import { StatusError, withLogicalCluster } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { WatchSource } from '../watch/watch-source';
import { tooLargeResourceVersion } from '../watch/watch-params';
import { fillPage, ListPage, ListRequest } from './list-page';

/** How long a list waits for the cache to reach the revision it needs (upstream's blockTimeout). */
const freshnessWaitMs = 3_000;

/**
 * Serves a LIST from the watch cache as kube-apiserver v1.35 does with its default feature gates
 * (ConsistentListFromCache and ListFromCacheSnapshot on; cacher/delegator.go ShouldDelegateList):
 * - resourceVersion=0 (NotOlderThan or unset match): the cache as it is, the whole collection (the
 *   cacher ignores `limit` for RV 0, computeListLimit);
 * - no resourceVersion (a consistent read): the cache once it holds every write committed before the
 *   request (PostgreSQL's revision, as upstream asks etcd for its current one), paged by `limit`; when it
 *   does not get there in time, PostgreSQL answers instead;
 * - resourceVersion=N with NotOlderThan (or without a match and without a limit): the cache once it
 *   reached N, paged; 504 "Too large resource version" when it does not;
 * - a continue token, Exact, or the legacy exact match (N with a limit): the cache's view at that
 *   revision (its snapshot, derived from the event ring) while the ring still covers it.
 * Returns undefined where upstream would delegate to storage: the caller reads PostgreSQL.
 */
export async function listFromCache(cache: WatchSource, store: ObjectStore, request: ListRequest): Promise<ListPage | undefined> {
  const at = await revisionToServe(cache, store, request);
  if (at === undefined) return undefined;
  const items = cache.listAt(request.collection, at.revision, request.continueFrom);
  if (!items) return undefined;
  // Consumed in this tick, before the cache applies anything else (listAt's contract).
  return fillPage(items, { selection: request.selection, limit: at.paged ? request.limit : undefined }, at.revision);
}

async function revisionToServe(cache: WatchSource, store: ObjectStore, request: ListRequest): Promise<{ revision: number; paged: boolean } | undefined> {
  const { resourceVersion, resourceVersionMatch: match, continueFrom } = request;
  if (continueFrom) return exactly(cache, continueFrom.revision);
  if (!/^\d*$/.test(resourceVersion) || (match !== '' && match !== 'NotOlderThan' && match !== 'Exact')) return undefined;
  if (resourceVersion === '') {
    if (match !== '' || !(await cache.waitForRevision(await store.currentRevision(), freshnessWaitMs))) return undefined;
    return { revision: cache.revision, paged: true };
  }
  const requested = Number(resourceVersion);
  if (match === 'Exact' || (match === '' && request.limit && requested !== 0)) return exactly(cache, requested);
  if (requested === 0) return { revision: cache.revision, paged: false };
  await waitFor(cache, requested);
  return { revision: cache.revision, paged: true };
}

/** The cache's view at `revision`, if its ring still covers it (the caller falls back to PostgreSQL). */
async function exactly(cache: WatchSource, revision: number): Promise<{ revision: number; paged: boolean } | undefined> {
  if (revision > cache.revision) await waitFor(cache, revision);
  return { revision, paged: true };
}

async function waitFor(cache: WatchSource, revision: number): Promise<void> {
  if (!(await cache.waitForRevision(revision, freshnessWaitMs))) throw tooLargeResourceVersion(revision, cache.revision);
}

/**
 * A LIST of every cluster (`/clusters/*`): the watch cache once it holds every write committed before the
 * request (a consistent read), whole (no pages: `limit` is ignored, as the cacher ignores it for resourceVersion 0,
 * and a continue token is refused), each item a copy carrying its cluster in the annotation `drydock.dev/cluster`.
 * Only the cache can answer it: without one, or when it does not catch up in time, 504 (retry).
 */
export async function listAllClusters(cache: WatchSource | undefined, store: ObjectStore, request: ListRequest): Promise<ListPage> {
  if (request.continueFrom) throw StatusError.badRequest('a list of every cluster is not paged: list it without continue');
  if (!cache?.snapshotEntries) throw StatusError.internal('this store has no watch cache');
  const revision = await store.currentRevision();
  if (!(await cache.waitForRevision(revision, freshnessWaitMs))) throw tooLargeResourceVersion(revision, cache.revision);
  const snapshot = cache.snapshotEntries(request.collection);
  const items = snapshot.entries.filter((entry) => request.selection.matches(entry.object)).map((entry) => withLogicalCluster(entry.object, entry.key.cluster));
  return { items, resourceVersion: String(snapshot.revision) };
}
