import { isNotFound, ResourceRef, resourcePath } from '@drydock/client';
import type { KubeObject } from '@drydock/util';
import type { Caller, KubeApiClient, KubeRequest } from './kube-api.client';

export interface ListQuery {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WriteQuery {
  dryRun?: boolean;
  fieldManager?: string;
  force?: boolean;
  subresource?: string;
}

export const PATCH_CONTENT_TYPES = { json: 'application/json-patch+json', merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json', apply: 'application/apply-patch+yaml' } as const;
export type PatchKind = keyof typeof PATCH_CONTENT_TYPES;
export const FIELD_MANAGER = 'drydock-dashboard';

/**
 * The REST API as one caller sees it: every call carries the caller's token (and Impersonate-* headers). Counts its requests so
 * a response can report how many API calls a GraphQL operation cost (the DataLoader's proof).
 */
export class CallerKube {
  requests = 0;

  constructor(
    private readonly api: KubeApiClient,
    readonly caller: Caller,
  ) {}

  raw<T = unknown>(request: KubeRequest): Promise<T> {
    this.requests++;
    return this.api.request<T>(this.caller, request);
  }

  /** A 2xx answer's body as text (a kubeconfig's YAML). */
  text(request: KubeRequest): Promise<string> {
    this.requests++;
    return this.api.text(this.caller, request);
  }

  stream(request: KubeRequest) {
    this.requests++;
    return this.api.stream(this.caller, request);
  }

  websocketTarget(path: string, query: KubeRequest['query']) {
    return this.api.websocketTarget(this.caller, path, query);
  }

  /** Every item of a collection (KubeApiClient.list: one resourceVersion=0 list, from the API server's watch cache); counts as one request. */
  async list<T extends KubeObject = KubeObject>(ref: ResourceRef, query: ListQuery = {}): Promise<{ items: T[]; resourceVersion: string }> {
    this.requests++;
    const list = await this.api.list<T>(this.caller, resourcePath(ref, query.namespace), { labelSelector: query.labelSelector || undefined, fieldSelector: query.fieldSelector || undefined });
    const apiVersion = ref.group ? `${ref.group}/${ref.version}` : ref.version;
    const items = (list.items ?? []).map((item) => ({ ...item, apiVersion: item.apiVersion ?? apiVersion, kind: item.kind ?? ref.kind }));
    return { items, resourceVersion: list.metadata?.resourceVersion ?? '' };
  }

  /** null when the object does not exist. */
  get<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string): Promise<T | null> {
    return this.raw<T>({ method: 'GET', path: resourcePath(ref, namespace, name) }).catch((error) => (isNotFound(error) ? null : Promise.reject(error)));
  }

  /** Like get, but a missing object is the API's 404 NotFound error. */
  read<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string): Promise<T> {
    return this.raw<T>({ method: 'GET', path: resourcePath(ref, namespace, name) });
  }

  patch<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string, patch: unknown, kind: PatchKind, options: WriteQuery = {}): Promise<T> {
    return this.raw<T>({
      method: 'PATCH',
      path: resourcePath(ref, namespace, name, options.subresource),
      body: patch,
      contentType: PATCH_CONTENT_TYPES[kind],
      query: { fieldManager: options.fieldManager ?? FIELD_MANAGER, force: options.force || undefined, dryRun: options.dryRun ? 'All' : undefined },
    });
  }

  post<T = unknown>(ref: ResourceRef, namespace: string | undefined, name: string | undefined, body: unknown, subresource?: string): Promise<T> {
    return this.raw<T>({ method: 'POST', path: resourcePath(ref, namespace, name, subresource), body });
  }

  delete(ref: ResourceRef, namespace: string | undefined, name: string, body: Record<string, unknown> = {}): Promise<KubeObject> {
    return this.raw<KubeObject>({ method: 'DELETE', path: resourcePath(ref, namespace, name), body: { kind: 'DeleteOptions', apiVersion: 'v1', ...body } });
  }
}
