import type { KubeObject } from '@drydock/util';
import { metaNamespaceKey } from './object-keys';

/** Values of an object for one index (e.g. `[pod.spec.nodeName]`); [] leaves it out of the index. */
export type IndexFunc<T extends KubeObject> = (object: T) => string[];

/** client-go's built-in index by namespace. */
export const NAMESPACE_INDEX = 'namespace';

/**
 * The indexed local store of an informer (client-go's ThreadSafeStore). Objects handed out are the
 * cached instances: callers must not mutate them (copy first).
 */
export class InformerCache<T extends KubeObject> {
  private readonly objects = new Map<string, T>();
  private readonly indexFuncs = new Map<string, IndexFunc<T>>();
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Record<string, IndexFunc<T>> = {}) {
    this.addIndexers({ [NAMESPACE_INDEX]: (object) => [object.metadata.namespace ?? ''], ...indexers });
  }

  /** Adds indexes; existing objects are indexed at once. A name already in use throws. */
  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    for (const [name, func] of Object.entries(indexers)) {
      if (this.indexFuncs.has(name)) throw new Error(`indexer "${name}" already exists`);
      this.indexFuncs.set(name, func);
      this.indices.set(name, new Map());
      for (const [key, object] of this.objects) this.indexOne(name, func, key, object);
    }
  }

  /** Stores the object; returns the one it replaced. */
  put(object: T): T | undefined {
    const key = metaNamespaceKey(object);
    const old = this.objects.get(key);
    if (old) this.unindex(key, old);
    this.objects.set(key, object);
    for (const [name, func] of this.indexFuncs) this.indexOne(name, func, key, object);
    return old;
  }

  /** Removes the object under the key; returns it. */
  remove(key: string): T | undefined {
    const old = this.objects.get(key);
    if (!old) return undefined;
    this.unindex(key, old);
    this.objects.delete(key);
    return old;
  }

  getByKey(key: string): T | undefined {
    return this.objects.get(key);
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }

  list(): T[] {
    return [...this.objects.values()];
  }

  byIndex(indexName: string, value: string): T[] {
    const index = this.indices.get(indexName);
    if (!index) throw new Error(`index "${indexName}" does not exist`);
    return [...(index.get(value) ?? [])].map((key) => this.objects.get(key)!);
  }

  get size(): number {
    return this.objects.size;
  }

  private indexOne(name: string, func: IndexFunc<T>, key: string, object: T): void {
    const index = this.indices.get(name)!;
    for (const value of indexValues(func, object)) {
      let keys = index.get(value);
      if (!keys) index.set(value, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindex(key: string, object: T): void {
    for (const [name, func] of this.indexFuncs) {
      const index = this.indices.get(name)!;
      for (const value of indexValues(func, object)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}

/** An index function that throws (a malformed object) leaves the object out of that index. */
function indexValues<T extends KubeObject>(func: IndexFunc<T>, object: T): string[] {
  try {
    return func(object).filter((value) => typeof value === 'string');
  } catch {
    return [];
  }
}
