import type { Clock, KubeObject } from '@drydock/util';
import { InformerFactory, isConflict, KubeClient, metaNamespaceKey, runWorkers, WorkQueue } from '@drydock/client';
import { StaleInformerCacheError } from './util/write-tracker';

/**
 * A sync that found its cache behind its own last write retries after this long (simulated ms) instead
 * of growing its back-off: under load a burst of such retries would otherwise push the key tens of
 * seconds away (5 ms doubling), long after the cache caught up.
 */
const staleCacheRetryMs = 100;

/** What a reconciler records against an object (core/v1 Events), as client-go's EventRecorder.Eventf. */
export interface EventSink {
  event(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** Everything a reconciler is given: the client, the shared informers, events, the clock and a log. */
export interface ControllerContext {
  client: KubeClient;
  informers: InformerFactory;
  /** The event recorder of one controller (`replicaset-controller`, `deployment-controller`, …). */
  eventsFor(component: string): EventSink;
  clock: Clock;
  log: (message: string) => void;
  /** The logical cluster the controllers serve (undefined: the default cluster). */
  cluster?: string;
}

/**
 * The reconciler shape of DESIGN.md: informer handlers only enqueue keys; `sync(key)` is idempotent,
 * reads the caches, writes through the client and throws to be requeued with back-off.
 */
export abstract class QueueReconciler {
  readonly queue: WorkQueue<string>;
  protected readonly events: EventSink;

  /** `component` is the events' source when upstream's differs from the controller's name. */
  protected constructor(
    readonly name: string,
    protected readonly ctx: ControllerContext,
    component: string = name,
  ) {
    this.queue = new WorkQueue<string>({ clock: ctx.clock });
    this.events = ctx.eventsFor(component);
  }

  abstract sync(key: string): Promise<void>;

  /**
   * Runs `workers` sync loops until stop(); resolves when they have ended. A 409 Conflict (the cache
   * was behind a write) and a stale informer cache are requeued silently: the normal price of optimistic
   * concurrency and of caches that trail our own writes.
   */
  run(workers: number): Promise<void> {
    return runWorkers(this.queue, (key) => this.sync(key), workers, {
      onError: (key, error) => {
        if (!isConflict(error) && !(error instanceof StaleInformerCacheError)) this.ctx.log(`${this.name}: sync ${key} failed (requeued): ${(error as Error)?.message ?? error}`);
      },
      retryAfter: (error) => (error instanceof StaleInformerCacheError ? staleCacheRetryMs : undefined),
    });
  }

  stop(): void {
    this.queue.shutDown();
  }

  protected enqueue(object: KubeObject): void {
    this.queue.add(metaNamespaceKey(object));
  }
}

/** A reconciler as the controller manager runs it. */
export interface Controller {
  readonly name: string;
  run(workers: number): Promise<void>;
  stop(): void;
}
