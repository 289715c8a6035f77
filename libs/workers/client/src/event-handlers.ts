import type { KubeObject } from '@drydock/util';

/**
 * What an informer tells its consumers. Called synchronously, in the informer's order, with the cached
 * objects (do not mutate them). Handlers should only enqueue keys; an exception is logged and dropped.
 * `onDelete` receives the last state the informer knew, also for deletes discovered by a relist.
 */
export interface ResourceEventHandler<T extends KubeObject> {
  onAdd?(object: T): void;
  onUpdate?(oldObject: T, newObject: T): void;
  onDelete?(object: T): void;
}

/**
 * The one-callback conveniences of an informer (`informer.onAdd(...)`), over its addEventHandler: what
 * SharedInformer and a cluster's view of an AllClustersInformer share.
 */
export abstract class EventHandlerRegistrar<T extends KubeObject> {
  abstract addEventHandler(handler: ResourceEventHandler<T>): void;

  onAdd(handler: (object: T) => void): this {
    this.addEventHandler({ onAdd: handler });
    return this;
  }

  onUpdate(handler: (oldObject: T, newObject: T) => void): this {
    this.addEventHandler({ onUpdate: handler });
    return this;
  }

  onDelete(handler: (object: T) => void): this {
    this.addEventHandler({ onDelete: handler });
    return this;
  }
}

/** The handlers registered on one informer, called one after another. */
export class HandlerList<T extends KubeObject> {
  private readonly handlers: ResourceEventHandler<T>[] = [];

  constructor(private readonly log: (message: string) => void) {}

  add(handler: ResourceEventHandler<T>): void {
    this.handlers.push(handler);
  }

  remove(handler: ResourceEventHandler<T>): void {
    const index = this.handlers.indexOf(handler);
    if (index >= 0) this.handlers.splice(index, 1);
  }

  added(object: T): void {
    for (const handler of this.handlers) this.call(() => handler.onAdd?.(object));
  }

  updated(oldObject: T, newObject: T): void {
    for (const handler of this.handlers) this.call(() => handler.onUpdate?.(oldObject, newObject));
  }

  deleted(object: T): void {
    for (const handler of this.handlers) this.call(() => handler.onDelete?.(object));
  }

  private call(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.log(`event handler failed: ${(error as Error)?.stack ?? error}`);
    }
  }
}
