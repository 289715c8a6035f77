import type { KubeObject } from '@drydock/util';
import { isNotFound } from './api-error';
import type { ClientConfig, DeleteOptions, DiscardResult, KubeClient, ListOptions, ObjectList, PatchOptions, PatchType, ResourceRef, WatchEvent, WatchHandle, WatchOptions } from './client.types';
import { HttpTransport, TransportAgents } from './http-transport';
import { resourcePath } from './resources';
import { openWatch } from './watch-stream';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** A KubeClient that can also release its sockets. */
export interface ClosableKubeClient extends KubeClient {
  /** Closes idle keep-alive sockets (open watches are closed by their own handles). */
  close(): void;
}

/**
 * The KubeClient over HTTPS (see HttpTransport); every error is an ApiError or a network Error.
 * `agents`: sockets shared with other clients of the process (see ClusterClients).
 */
export function createKubeClient(config: ClientConfig, agents?: TransportAgents): ClosableKubeClient {
  const transport = new HttpTransport(config, agents);
  const json = async <R>(request: Parameters<HttpTransport['request']>[0]): Promise<R> => JSON.parse(await transport.request(request)) as R;
  /** A write's answer, decoded unless the caller said it will not read it (DiscardResult). */
  const answer = async <R>(request: Parameters<HttpTransport['request']>[0], options: Partial<DiscardResult> | undefined): Promise<R | undefined> => {
    const body = await transport.request(request);
    return options?.discardResult ? undefined : (JSON.parse(body) as R);
  };
  const nullOn404 = <R>(promise: Promise<R>): Promise<R | null> => promise.catch((error) => (isNotFound(error) ? null : Promise.reject(error)));
  const client = {
    get: <T extends KubeObject>(ref: ResourceRef, namespace: string, name: string, options: { subresource?: 'status' | 'scale' } = {}) =>
      nullOn404(json<T>({ method: 'GET', path: resourcePath(ref, namespace, name, options.subresource) })),
    list: <T extends KubeObject>(ref: ResourceRef, options: ListOptions = {}) => listObjects<T>(json, ref, options),
    create: <T extends KubeObject>(ref: ResourceRef, namespace: string, object: T, options?: DiscardResult) =>
      answer<T>({ method: 'POST', path: resourcePath(ref, namespace), body: object, query: { fieldManager: config.userAgent } }, options),
    update: <T extends KubeObject>(ref: ResourceRef, object: T, options: { subresource?: 'status' | 'scale' } = {}) =>
      json<T>({ method: 'PUT', path: resourcePath(ref, object.metadata.namespace, object.metadata.name ?? '', options.subresource), body: object, query: { fieldManager: config.userAgent } }),
    patch: <T extends KubeObject>(ref: ResourceRef, namespace: string, name: string, patch: unknown, type: PatchType, options: PatchOptions & Partial<DiscardResult> = {}) =>
      answer<T>({
        method: 'PATCH',
        path: resourcePath(ref, namespace, name, options.subresource),
        body: patch,
        contentType: PATCH_CONTENT_TYPES[type],
        query: { fieldManager: options.fieldManager ?? config.userAgent, force: type === 'apply' && options.force ? true : undefined },
      }, options),
    delete: (ref: ResourceRef, namespace: string, name: string, { discardResult, ...options }: DeleteOptions & Partial<DiscardResult> = {}) => {
      const deleted = nullOn404(answer<KubeObject>({ method: 'DELETE', path: resourcePath(ref, namespace, name), body: { kind: 'DeleteOptions', apiVersion: 'v1', ...options } }, { discardResult }));
      // Discarded: undefined once deleted (or marked), null when there was nothing to delete (404), as without.
      return discardResult ? deleted.then((object) => (object === null ? null : undefined)) : deleted;
    },
    createSubresource: (ref: ResourceRef, namespace: string, name: string, subresource: string, body: Record<string, unknown>) =>
      json<Record<string, unknown>>({ method: 'POST', path: resourcePath(ref, namespace, name, subresource), body, retryThrottled: subresource !== 'eviction' }),
    watch: <T extends KubeObject>(ref: ResourceRef, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): WatchHandle =>
      openWatch<T>(transport, { method: 'GET', path: resourcePath(ref, options.namespace), query: watchQuery(options) }, onEvent),
    close: () => transport.close(),
  };
  // The overloads (DiscardResult resolves to undefined) are the interface's; one implementation serves both.
  return client as unknown as ClosableKubeClient;
}

async function listObjects<T extends KubeObject>(json: <R>(request: Parameters<HttpTransport['request']>[0]) => Promise<R>, ref: ResourceRef, options: ListOptions): Promise<ObjectList<T>> {
  const query = { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: options.limit, continue: options.continue, resourceVersion: options.resourceVersion };
  const list = await json<{ items?: T[]; metadata?: { resourceVersion?: string; continue?: string } }>({ method: 'GET', path: resourcePath(ref, options.namespace), query });
  const result: ObjectList<T> = { items: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? '' };
  if (list.metadata?.continue) result.continue = list.metadata.continue;
  return result;
}

function watchQuery(options: WatchOptions): Record<string, string | number | boolean | undefined> {
  return {
    watch: true,
    resourceVersion: options.resourceVersion,
    labelSelector: options.labelSelector,
    fieldSelector: options.fieldSelector,
    allowWatchBookmarks: options.allowWatchBookmarks ? true : undefined,
    timeoutSeconds: options.timeoutSeconds,
  };
}
