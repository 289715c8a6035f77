import type { KubeObject } from '@drydock/util';

const DELETION_EXPECTED = -1;

/**
 * endpointslice's EndpointSliceTracker, by resourceVersion (Drydock's revisions are one increasing
 * counter): remembers what this controller last wrote for an owner, so a sync that reads an informer
 * cache still behind those writes notices it and retries instead of writing again (a second slice).
 */
export class WriteTracker {
  private readonly owners = new Map<string, Map<string, number>>();

  /** After a create or update: the cache must show at least this revision of the object. */
  written(ownerKey: string, object: KubeObject): void {
    this.forOwner(ownerKey).set(object.metadata.uid!, Number(object.metadata.resourceVersion));
  }

  /** After a delete: the cache must no longer show the object. */
  deleted(ownerKey: string, object: KubeObject): void {
    this.forOwner(ownerKey).set(object.metadata.uid!, DELETION_EXPECTED);
  }

  /** The informer saw the object go (HandleDeletion): nothing more to expect of it. */
  observedDeletion(ownerKey: string, object: KubeObject): void {
    this.owners.get(ownerKey)?.delete(object.metadata.uid!);
  }

  forgetOwner(ownerKey: string): void {
    this.owners.delete(ownerKey);
  }

  /** StaleSlices: whether `cached` (the owner's objects in the cache) misses a write of ours. */
  isStale(ownerKey: string, cached: KubeObject[]): boolean {
    const expected = this.owners.get(ownerKey);
    if (!expected) return false;
    const seen = new Map(cached.map((object) => [object.metadata.uid!, Number(object.metadata.resourceVersion)]));
    for (const [uid, revision] of expected) {
      const cachedRevision = seen.get(uid);
      if (revision === DELETION_EXPECTED) {
        if (cachedRevision !== undefined) return true;
      } else if (cachedRevision === undefined || cachedRevision < revision) {
        return true;
      }
    }
    return false;
  }

  private forOwner(ownerKey: string): Map<string, number> {
    let expected = this.owners.get(ownerKey);
    if (!expected) this.owners.set(ownerKey, (expected = new Map()));
    return expected;
  }
}

/** endpointslicepkg.StaleInformerCacheError: retried quietly (the cache catches up within milliseconds). */
export class StaleInformerCacheError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleInformerCacheError';
  }
}
