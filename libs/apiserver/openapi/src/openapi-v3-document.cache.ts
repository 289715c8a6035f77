import { createHash } from 'node:crypto';
import { openApiV3Document } from './openapi-v3-document.builder';
import type { OpenApiResource, OpenApiV3Document } from './openapi.types';

/** A served document: its JSON body, and the hash used in /openapi/v3's serverRelativeURL and as ETag. */
export interface CachedOpenApiV3Document {
  document: OpenApiV3Document;
  body: string;
  /** Upper-case hex SHA-512 of `body`, as upstream's. */
  hash: string;
}

/**
 * Builds each group-version's document once and keeps it until its resources change. The resources are
 * fingerprinted (kind, names, verbs, subresources, CRD schema), so a CRD update yields a new hash; callers
 * that track a revision (ResourceRegistry.version) may pass it to skip the fingerprint.
 */
export class OpenApiV3DocumentCache {
  private readonly entries = new Map<string, { key: string; value: CachedOpenApiV3Document }>();

  get(groupVersion: string, resources: OpenApiResource[], revision?: number | string): CachedOpenApiV3Document {
    const key = revision === undefined ? fingerprint(resources) : `revision:${revision}`;
    const cached = this.entries.get(groupVersion);
    if (cached?.key === key) return cached.value;
    const document = openApiV3Document(groupVersion, resources);
    const body = JSON.stringify(document);
    const value = { document, body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() };
    this.entries.set(groupVersion, { key, value });
    return value;
  }

  /** Forgets group-versions no longer served. */
  retain(groupVersions: string[]): void {
    const keep = new Set(groupVersions);
    for (const groupVersion of this.entries.keys()) if (!keep.has(groupVersion)) this.entries.delete(groupVersion);
  }
}

function fingerprint(resources: OpenApiResource[]): string {
  return JSON.stringify(
    resources.map(({ group, version, kind, resource, namespaced, verbs, model, schema, subresources }) => [
      group, version, kind, resource, namespaced, verbs, model, schema, subresources && {
        status: subresources.status, scale: Boolean(subresources.scale), extra: subresources.extra?.map(({ name, group, version, kind, verbs }) => ({ name, group, version, kind, verbs })),
      },
    ]),
  );
}
