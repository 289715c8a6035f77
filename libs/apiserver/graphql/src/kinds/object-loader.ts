import DataLoader from 'dataloader';
import type { ResourceRef } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { GraphqlContext } from '../graphql-context';

interface ObjectKey {
  ref: ResourceRef;
  namespace?: string;
  name: string;
}

// A subscription's context lives as long as the subscription: its objects are read afresh after a second.
const MAX_AGE_MS = 1_000;

/**
 * The objects a request's relations name (a pod's node, ServiceAccount, ConfigMaps …): each read once
 * per request with a GET as the caller, so each is authorized on its own (a Secret the caller may not
 * get is that item's Forbidden error, never its content); the reads of one tick go out together.
 */
export class ObjectLoader {
  private readonly gets: DataLoader<ObjectKey, KubeObject | null, string>;
  private loadedAt = Date.now();

  constructor(private readonly context: GraphqlContext) {
    this.gets = new DataLoader((keys) => Promise.all(keys.map((key) => this.context.kube.get(key.ref, key.namespace, key.name).catch((error: Error) => error))), {
      cacheKeyFn: (key) => `${key.ref.group}/${key.ref.resource}|${key.namespace ?? ''}|${key.name}`,
    });
  }

  /** The object, null when it does not exist; the API's error (Forbidden …) otherwise. */
  get(ref: ResourceRef, namespace: string | undefined, name: string): Promise<KubeObject | null> {
    if (Date.now() - this.loadedAt > MAX_AGE_MS) {
      this.gets.clearAll();
      this.loadedAt = Date.now();
    }
    return this.gets.load({ ref, namespace: ref.namespaced ? namespace : undefined, name });
  }
}

const loaders = new WeakMap<GraphqlContext, ObjectLoader>();

/** The request's ObjectLoader, made on first use (kept beside the context, which lives as long as the request). */
export function objectLoader(context: GraphqlContext): ObjectLoader {
  let loader = loaders.get(context);
  if (!loader) loaders.set(context, (loader = new ObjectLoader(context)));
  return loader;
}
