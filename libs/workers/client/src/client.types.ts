import type { KubeObject } from '@drydock/util';

/**
 * The API client every worker (scheduler, controller-manager, node simulator) uses. Workers talk to
 * the API server like any client, never to the database (DESIGN.md). This file is the contract the
 * worker libraries code against; the implementation lives beside it.
 */

/** One resource as the client addresses it. `group` '' is core. */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

/** Where and how to reach the API server: from a kubeconfig (`loadKubeconfig`). */
export interface ClientConfig {
  server: string;
  token: string;
  /** Read before each request instead of `token` when set: a credential that is renewed (a ServiceAccount's). */
  tokenSource?: () => string;
  /** Told of every 401 answer (the credential was refused: e.g. its ServiceAccount was deleted), to renew it. */
  onUnauthorized?: () => void;
  caCert: string;
  /** The User-Agent's program name, also the default fieldManager (`kube-scheduler`, `kube-controller-manager`, `kubelet`). */
  userAgent: string;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
}

export interface ObjectList<T extends KubeObject = KubeObject> {
  items: T[];
  resourceVersion: string;
  continue?: string;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export interface PatchOptions {
  subresource?: string;
  fieldManager?: string;
  force?: boolean;
}

/**
 * A write whose answer the caller does not read (client-go's `Do(ctx).Error()`): the same request,
 * but the answer's body is not decoded and the call resolves to undefined (typed `unknown`: nothing to read).
 * Errors are thrown as usual.
 * For the writes a worker sends by the thousand and never reads back: the kubelet's status patches,
 * Lease renewals and final deletes, and every recorder's events.
 */
export interface DiscardResult {
  discardResult: true;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

export interface WatchOptions extends Omit<ListOptions, 'limit' | 'continue'> {
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

export interface WatchHandle {
  /** Resolves when the stream ends (server closed it, error, or close()). */
  done: Promise<void>;
  close(): void;
}

/**
 * Typed access to the Kubernetes API. Errors are ApiError (with the Status's code and reason), so a
 * reconciler can tell a 409 Conflict (requeue) from a 404 (gone) from a 422 (give up and record an event).
 */
export interface KubeClient {
  /** With `subresource: 'scale'`, the object's autoscaling/v1 Scale. */
  get<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string, name: string, options?: { subresource?: 'status' | 'scale' }): Promise<T | null>;
  list<T extends KubeObject = KubeObject>(ref: ResourceRef, options?: ListOptions): Promise<ObjectList<T>>;
  create(ref: ResourceRef, namespace: string, object: KubeObject, options: DiscardResult): Promise<unknown>;
  create<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string, object: T): Promise<T>;
  /** PUT; with metadata.resourceVersion set, a moved object is an ApiError 409. */
  update<T extends KubeObject = KubeObject>(ref: ResourceRef, object: T, options?: { subresource?: 'status' | 'scale' }): Promise<T>;
  patch(ref: ResourceRef, namespace: string, name: string, patch: unknown, type: PatchType, options: PatchOptions & DiscardResult): Promise<unknown>;
  patch<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string, name: string, patch: unknown, type: PatchType, options?: PatchOptions): Promise<T>;
  /** Returns the object as the server answered (it may still exist, e.g. with finalizers); null on 404 (also with DiscardResult, then undefined otherwise). */
  delete(ref: ResourceRef, namespace: string, name: string, options: DeleteOptions & DiscardResult): Promise<unknown>;
  delete(ref: ResourceRef, namespace: string, name: string, options?: DeleteOptions): Promise<KubeObject | null>;
  /** POST to a subresource: `pods/binding`, `pods/eviction`. */
  createSubresource(ref: ResourceRef, namespace: string, name: string, subresource: string, body: Record<string, unknown>): Promise<Record<string, unknown>>;
  /**
   * A watch stream. An error answer (e.g. 410 Expired for a too-old resourceVersion) arrives as one
   * `ERROR` event whose object is the Status, like an error inside the stream; then `done` resolves.
   */
  watch<T extends KubeObject = KubeObject>(ref: ResourceRef, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): WatchHandle;
}
