import type { KubeObject } from '@drydock/util';
import type { StatusBody } from './api-error';
import { Backoff, sleepUnlessAborted } from './backoff';
import type { KubeClient, ResourceRef, WatchEvent, WatchHandle } from './client.types';

/** Where a reflector puts what it reads (client-go's Store as a Reflector fills it). */
export interface ReflectorSink<T extends KubeObject> {
  /** A full list: the cache becomes exactly `items`, at `resourceVersion`. */
  replace(items: T[], resourceVersion: string): void;
  /** One watch event (ADDED, MODIFIED, DELETED; never ERROR or BOOKMARK). */
  apply(event: WatchEvent<T>): void;
}

export interface ReflectorOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Items per list page (default 500, as client-go's pager). */
  pageSize?: number;
  log: (message: string) => void;
}

type WatchOutcome = 'ended' | 'failed' | 'expired';

const MIN_WATCH_TIMEOUT_SECONDS = 300;

/**
 * client-go's Reflector: list (paged) into the sink, then watch from the list's resourceVersion with bookmarks.
 * A closed stream re-watches from the last resourceVersion seen; a 410 Expired (answer or ERROR event) relists.
 * Failures back off and retry forever, until stop().
 */
export class Reflector<T extends KubeObject> {
  private readonly backoff = new Backoff();
  private resourceVersion = '';
  private abort?: AbortController;
  private running?: Promise<void>;
  private watch?: WatchHandle;

  constructor(
    private readonly client: KubeClient,
    private readonly resource: ResourceRef,
    private readonly options: ReflectorOptions,
    private readonly sink: ReflectorSink<T>,
  ) {}

  /** The resourceVersion of the last list or event applied. */
  lastSyncResourceVersion(): string {
    return this.resourceVersion;
  }

  /** Idempotent. */
  start(): void {
    if (this.abort) return;
    this.abort = new AbortController();
    this.running = this.run(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort?.abort();
    this.watch?.close();
    await this.running;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.listAndWatch(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.options.log(`list failed, retrying: ${(error as Error)?.message ?? error}`);
        await sleepUnlessAborted(this.backoff.next(), signal);
      }
    }
  }

  /** Returns when the watch expired (the caller relists) or on stop; throws when the list fails. */
  private async listAndWatch(signal: AbortSignal): Promise<void> {
    await this.relist(signal);
    while (!signal.aborted) {
      const outcome = await this.watchOnce();
      if (outcome === 'expired') return;
      if (outcome === 'failed') await sleepUnlessAborted(this.backoff.next(), signal);
      else this.backoff.reset();
    }
  }

  /** client-go's pager: pages of pageSize; the last page's resourceVersion is the snapshot's. */
  private async relist(signal: AbortSignal): Promise<void> {
    const items: T[] = [];
    let next: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.client.list<T>(this.resource, { ...this.selectors(), limit: this.options.pageSize ?? 500, continue: next });
      items.push(...page.items);
      next = page.continue;
      resourceVersion = page.resourceVersion;
    } while (next && !signal.aborted);
    if (signal.aborted) return;
    this.sink.replace(items, resourceVersion);
    this.resourceVersion = resourceVersion;
  }

  private watchOnce(): Promise<WatchOutcome> {
    const startedAt = Date.now();
    let events = 0;
    let outcome: WatchOutcome = 'ended';
    const timeoutSeconds = Math.floor(MIN_WATCH_TIMEOUT_SECONDS * (1 + Math.random()));
    const options = { ...this.selectors(), resourceVersion: this.resourceVersion, allowWatchBookmarks: true, timeoutSeconds };
    const handle = this.client.watch<T>(this.resource, options, (event) => {
      events++;
      if (event.type === 'ERROR') {
        outcome = (event.object as unknown as StatusBody).code === 410 ? 'expired' : 'failed';
        if (outcome === 'failed') this.options.log(`watch error: ${(event.object as unknown as StatusBody).message}`);
        return handle.close();
      }
      if (event.type !== 'BOOKMARK') this.sink.apply(event);
      const resourceVersion = event.object.metadata?.resourceVersion;
      if (resourceVersion) this.resourceVersion = resourceVersion;
    });
    this.watch = handle;
    return handle.done.then(() => (outcome === 'ended' && events === 0 && Date.now() - startedAt < 1000 ? 'failed' : outcome));
  }

  private selectors() {
    return { namespace: this.options.namespace, labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector };
  }
}
