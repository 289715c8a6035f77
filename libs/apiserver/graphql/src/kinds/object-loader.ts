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
/** From this many names of one kind and namespace in one tick, one list is cheaper than a GET each (a pod list's nodes: 1,000 GETs). */
const LIST_FROM = 8;

type Answer = KubeObject | null | Error;

/**
 * The objects a request's relations name (a pod's node, ServiceAccount, ConfigMaps …): each read once
 * per request as the caller, so each is authorized on its own (a Secret the caller may not get is that
 * item's Forbidden error, never its content); the reads of one tick go out together. Many names of one
 * kind and namespace in a tick are read with the request's one list of it (ClusterLoader, shared with
 * the other relations) when the caller may list them, which shows nothing a GET of each would not; when
 * the list is Forbidden, each is a GET as before.
 */
export class ObjectLoader {
  private readonly gets: DataLoader<ObjectKey, KubeObject | null, string>;
  private loadedAt = Date.now();

  constructor(private readonly context: GraphqlContext) {
    this.gets = new DataLoader((keys) => this.read(keys), { cacheKeyFn: (key) => `${collectionOf(key)}|${key.name}` });
  }

  private async read(keys: readonly ObjectKey[]): Promise<Answer[]> {
    const byCollection = new Map<string, ObjectKey[]>();
    for (const key of keys) {
      const group = byCollection.get(collectionOf(key));
      if (group) group.push(key);
      else byCollection.set(collectionOf(key), [key]);
    }
    const answers = new Map<ObjectKey, Answer>();
    await Promise.all(
      [...byCollection.values()].map(async (group) => {
        const listed = group.length >= LIST_FROM ? await this.listed(group[0]) : undefined;
        await Promise.all(group.map(async (key) => answers.set(key, listed ? (listed.get(key.name) ?? null) : await this.get1(key))));
      }),
    );
    return keys.map((key) => answers.get(key) ?? null);
  }

  /** The collection by name, or undefined when the caller may not list it or the list failed (then each is a GET, with its own answer). */
  private async listed(key: ObjectKey): Promise<Map<string, KubeObject> | undefined> {
    try {
      return new Map((await this.context.loader.list(key.ref, key.namespace)).map((object) => [object.metadata.name ?? '', object]));
    } catch {
      return undefined;
    }
  }

  private get1(key: ObjectKey): Promise<Answer> {
    return this.context.kube.get(key.ref, key.namespace, key.name).catch((error: Error) => error);
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

const collectionOf = (key: ObjectKey) => `${key.ref.group}/${key.ref.resource}|${key.namespace ?? ''}`;

const loaders = new WeakMap<GraphqlContext, ObjectLoader>();

/** The request's ObjectLoader, made on first use (kept beside the context, which lives as long as the request). */
export function objectLoader(context: GraphqlContext): ObjectLoader {
  let loader = loaders.get(context);
  if (!loader) loaders.set(context, (loader = new ObjectLoader(context)));
  return loader;
}
