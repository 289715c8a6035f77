import type { KubeObject } from '@drydock/util';
import type { CollectionKey } from '@drydock/storage';
import { ContinueToken, encodeContinue } from './continue-token';
import type { Selection } from './selection';

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
}

/** A LIST request's options, parsed once (upstream's ListOptions). */
export interface ListRequest {
  collection: CollectionKey;
  selection: Selection;
  limit?: number;
  /** The `resourceVersion` parameter as sent ('' when absent). */
  resourceVersion: string;
  resourceVersionMatch: string;
  continueFrom?: ContinueToken;
}

/**
 * Fills one page from `items` (in key order): the matching objects up to `limit`, and a continue
 * token when any object at all follows the last one taken (upstream's hasMoreListItems).
 */
export function fillPage(items: Iterable<KubeObject>, request: Pick<ListRequest, 'selection' | 'limit'>, revision: number): ListPage {
  const page: KubeObject[] = [];
  let last: KubeObject | undefined;
  for (const object of items) {
    if (last) return { items: page, resourceVersion: String(revision), continueToken: tokenAfter(revision, last) };
    if (!request.selection.matches(object)) continue;
    page.push(object);
    if (request.limit && page.length === request.limit) last = object;
  }
  return { items: page, resourceVersion: String(revision) };
}

export function tokenAfter(revision: number, object: KubeObject): string {
  return encodeContinue({ revision, namespace: object.metadata.namespace ?? '', name: object.metadata.name! });
}

