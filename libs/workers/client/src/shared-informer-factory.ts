import type { KubeObject } from '@drydock/util';
import type { KubeClient, ResourceRef } from './client.types';
import type { IndexFunc } from './informer-cache';
import { Informer, InformerOptions, SharedInformer } from './shared-informer';

export interface InformerFactoryOptions {
  /** Default namespace of every informer (default: all namespaces). */
  namespace?: string;
  /** Items per list page of every informer (default 500). */
  pageSize?: number;
  /** Default resync period of every informer, real ms (default 0: none). */
  resyncPeriodMs?: number;
  log?: (message: string) => void;
}

export type InformerSelection<T extends KubeObject> = Pick<InformerOptions<T>, 'namespace' | 'labelSelector' | 'fieldSelector' | 'indexers'>;

interface InformerFactoryDefaults {
  pageSize?: number;
  resyncPeriodMs?: number;
  log?: (message: string) => void;
}

/** What controllers are handed: client-go's SharedInformerFactory (SharedInformerFactory, or one cluster's ClusterInformerFactory). */
export interface InformerFactory {
  /** The shared informer of a resource and selection; indexers not yet present on it are added. */
  informerFor<T extends KubeObject = KubeObject>(resource: ResourceRef, selection?: InformerSelection<T>): Informer<T>;
  start(): void;
  /** True once every informer synced; false when `timeoutMs` passed first. */
  waitForCacheSync(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

/** The key of an informer's resource and selection (one informer per key). */
export function informerKey(resource: ResourceRef, namespace: string | undefined, selection: { labelSelector?: string; fieldSelector?: string }): string {
  return [resource.group, resource.version, resource.resource, namespace ?? '', selection.labelSelector ?? '', selection.fieldSelector ?? ''].join('|');
}

/**
 * client-go's SharedInformerFactory: one informer per (resource, namespace, selectors), shared by
 * every caller that asks for it, so a process lists and watches each resource once. Informers asked
 * for after start() start at the next start() (as upstream).
 */
export class SharedInformerFactory implements InformerFactory {
  private readonly informers = new Map<string, SharedInformer<KubeObject>>();

  constructor(
    private readonly client: KubeClient,
    private readonly options: InformerFactoryOptions = {},
  ) {}

  /** The shared informer; indexers not yet present on it are added. */
  informerFor<T extends KubeObject = KubeObject>(resource: ResourceRef, selection: InformerSelection<T> = {}): Informer<T> {
    const namespace = selection.namespace ?? this.options.namespace;
    const key = informerKey(resource, namespace, selection);
    let informer = this.informers.get(key) as SharedInformer<T> | undefined;
    if (!informer) {
      const defaults: InformerFactoryDefaults = { pageSize: this.options.pageSize, resyncPeriodMs: this.options.resyncPeriodMs, log: this.options.log };
      informer = new SharedInformer<T>(this.client, resource, { ...defaults, namespace, labelSelector: selection.labelSelector, fieldSelector: selection.fieldSelector });
      this.informers.set(key, informer as unknown as SharedInformer<KubeObject>);
    }
    if (selection.indexers) addMissingIndexers(informer, selection.indexers);
    return informer;
  }

  start(): void {
    for (const informer of this.informers.values()) informer.start();
  }

  /** True once every informer synced; false when `timeoutMs` passed first. */
  waitForCacheSync(timeoutMs: number): Promise<boolean> {
    return waitForCacheSync([...this.informers.values()], timeoutMs);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.informers.values()].map((informer) => informer.stop()));
  }
}

export function addMissingIndexers<T extends KubeObject>(informer: Pick<Informer<T>, 'addIndexers'>, indexers: Record<string, IndexFunc<T>>): void {
  for (const [name, func] of Object.entries(indexers)) {
    try {
      informer.addIndexers({ [name]: func });
    } catch {
      // Already present: a shared informer keeps the first function registered under a name.
    }
  }
}

/** client-go's cache.WaitForCacheSync: polls hasSynced every 10 ms; false on timeout. */
export async function waitForCacheSync(informers: Pick<Informer, 'hasSynced'>[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!informers.every((informer) => informer.hasSynced())) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
