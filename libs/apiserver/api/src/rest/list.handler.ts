import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import type { ObjectStore } from '@drydock/storage';
import { ResourceDefinition, apiVersionOf, qualifiedResource } from '@drydock/registry';
import { decodeContinue, encodeContinue, expiredContinueMessage } from './continue-token';
import { parseSelection } from './selection';

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
}

const scanPageSize = 500;

function parseLimit(value: string | null): number | undefined {
  if (value === null || value === '' || value === '0') return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) throw StatusError.badRequest(`limit: Invalid value: "${value}"`);
  return limit;
}

/**
 * LIST: reads pages from the store in key order, filters by selectors, and stops once `limit` items
 * matched (upstream fills pages the same way). A continue token resumes after the last item.
 */
export async function listObjects(store: ObjectStore, def: ResourceDefinition, cluster: string, namespace: string, query: URLSearchParams): Promise<ListPage> {
  const limit = parseLimit(query.get('limit'));
  const selection = parseSelection(def, query);
  const continueValue = query.get('continue');
  if (continueValue && query.get('resourceVersion')) throw StatusError.badRequest('specifying resource version is not allowed when using continue');
  let after = continueValue ? decodeContinue(continueValue) : undefined;
  if (after && after.revision < (await store.compactedRevision())) throw StatusError.expired(expiredContinueMessage);
  const collection = { cluster, resource: qualifiedResource(def), namespace: def.namespaced && namespace ? namespace : undefined };
  const items: KubeObject[] = [];
  let revision = after?.revision;
  for (;;) {
    const page = await store.list(collection, { limit: limit ? Math.max(limit - items.length, scanPageSize) : undefined, after: after && { namespace: after.namespace, name: after.name } });
    revision ??= page.revision;
    for (const [index, object] of page.items.entries()) {
      if (!selection.matches(object)) continue;
      items.push(object);
      if (limit && items.length === limit) {
        const more = index < page.items.length - 1 || page.next !== undefined;
        const last = object.metadata;
        return { items, resourceVersion: String(revision), continueToken: more ? encodeContinue({ revision, namespace: last.namespace ?? '', name: last.name! }) : undefined };
      }
    }
    if (!page.next) return { items, resourceVersion: String(revision) };
    after = { revision, ...page.next };
  }
}

/** The `<Kind>List` body; items keep their own apiVersion/kind. */
export function listBody(def: ResourceDefinition, page: ListPage): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.continueToken) metadata.continue = page.continueToken;
  return { kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata, items: page.items };
}
