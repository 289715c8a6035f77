import type { OpenApiV3Index } from './openapi.types';

/** `v1` → `api/v1`, `apps/v1` → `apis/apps/v1`: the key of a group-version in /openapi/v3. */
export function openApiV3Path(groupVersion: string): string {
  return groupVersion.includes('/') ? `apis/${groupVersion}` : `api/${groupVersion}`;
}

/**
 * Body of `GET /openapi/v3`: `{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"}}}`.
 * `hashOf` gives the current hash of a group-version's document (OpenApiV3DocumentCache.hashOf); clients
 * cache documents by that URL, so the hash must change whenever the document does.
 */
export function openApiV3Index(groupVersions: string[], hashOf: (groupVersion: string) => string): OpenApiV3Index {
  const paths: OpenApiV3Index['paths'] = {};
  for (const groupVersion of groupVersions) {
    const path = openApiV3Path(groupVersion);
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hashOf(groupVersion)}` };
  }
  return { paths };
}
