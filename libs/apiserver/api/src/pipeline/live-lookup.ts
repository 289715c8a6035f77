import type { KubeObject } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import type { CachedObjects } from './namespace-lifecycle.admission';

const maxEntries = 10000;

/**
 * The objects of one resource in a namespace as quota and LimitRanger admission look them up: from the
 * watch cache, and when it has none (it may trail an object created a moment ago) from the store, that
 * answer kept for `ttlMs`, as upstream's liveLookupCache (30 s, 10,000 namespaces). So a namespace
 * without quotas or limit ranges costs one query per 30 s, not one per write.
 */
export class LiveLookup {
  private readonly entries = new Map<string, { expiry: number; items: KubeObject[] }>();

  constructor(
    private readonly store: ObjectStore,
    private readonly cache: CachedObjects,
    private readonly resource: string,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async list(cluster: string, namespace: string): Promise<KubeObject[]> {
    const cached = this.cache.snapshot({ cluster, resource: this.resource, namespace }).items;
    if (cached.length) return cached;
    const key = `${cluster}/${namespace}`;
    const entry = this.entries.get(key);
    if (entry && entry.expiry > this.now()) return entry.items;
    const { items } = await this.store.list({ cluster, resource: this.resource, namespace });
    if (this.entries.size >= maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { expiry: this.now() + this.ttlMs, items });
    return items;
  }
}
