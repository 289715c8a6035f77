import { OpenApiV3DocumentCache } from './openapi-v3-document.cache';
import { openApiV3Index } from './openapi-v3-index.builder';
import type { OpenApiResource } from './openapi.types';

const configMaps: OpenApiResource = { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true };
const secrets: OpenApiResource = { group: '', version: 'v1', kind: 'Secret', resource: 'secrets', namespaced: true };

describe('OpenApiV3DocumentCache', () => {
  it('returns the same document and a stable upper-case SHA-512 hash while resources are unchanged', () => {
    const cache = new OpenApiV3DocumentCache();
    const first = cache.get('v1', [configMaps]);
    expect(first.hash).toMatch(/^[0-9A-F]{128}$/);
    expect(cache.get('v1', [{ ...configMaps }])).toBe(first);
    expect(new OpenApiV3DocumentCache().get('v1', [configMaps]).hash).toBe(first.hash);
    expect(JSON.parse(first.body)).toEqual(first.document);
  });

  it('rebuilds, with a new hash, when the resources change', () => {
    const cache = new OpenApiV3DocumentCache();
    const before = cache.get('v1', [configMaps]);
    const after = cache.get('v1', [configMaps, secrets]);
    expect(after.hash).not.toBe(before.hash);
    expect(after.document.paths['/api/v1/namespaces/{namespace}/secrets/{name}']).toBeDefined();
  });
});

describe('openApiV3Index', () => {
  it('lists core and group versions with hashed server-relative URLs', () => {
    expect(openApiV3Index(['v1', 'apps/v1'], (gv) => `H-${gv.replace('/', '-')}`)).toEqual({
      paths: {
        'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=H-v1' },
        'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=H-apps-v1' },
      },
    });
  });
});
