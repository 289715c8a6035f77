import type { KubeObject } from '@drydock/util';
import { compareNamespaceName, inCollection, resourceKeyString } from './object-keys';
import type { ChangeEvent, CollectionKey, ObjectKey } from './store.types';

interface Entry {
  key: ObjectKey;
  object: KubeObject;
}

/** The current objects of every resource, as the watch hub has applied them. */
export class ObjectIndex {
  private readonly resources = new Map<string, Map<string, Entry>>();

  get(key: ObjectKey): KubeObject | undefined {
    return this.resources.get(resourceKeyString(key.cluster, key.resource))?.get(`${key.namespace}/${key.name}`)?.object;
  }

  set(key: ObjectKey, object: KubeObject): void {
    const resourceKey = resourceKeyString(key.cluster, key.resource);
    let objects = this.resources.get(resourceKey);
    if (!objects) this.resources.set(resourceKey, (objects = new Map()));
    objects.set(`${key.namespace}/${key.name}`, { key, object });
  }

  /** Applies one change and returns the object it replaced or removed. */
  apply(event: ChangeEvent): KubeObject | undefined {
    const previous = this.get(event.key);
    if (event.type === 'DELETED') {
      this.resources.get(resourceKeyString(event.key.cluster, event.key.resource))?.delete(`${event.key.namespace}/${event.key.name}`);
    } else {
      this.set(event.key, event.object);
    }
    return previous;
  }

  /** The objects of a collection, ordered by namespace then name. */
  list(collection: CollectionKey): KubeObject[] {
    const objects = this.resources.get(resourceKeyString(collection.cluster, collection.resource));
    if (!objects) return [];
    const entries = [...objects.values()].filter((entry) => inCollection(entry.key, collection));
    entries.sort((a, b) => compareNamespaceName(a.key, b.key));
    return entries.map((entry) => entry.object);
  }

  clear(): void {
    this.resources.clear();
  }
}
