import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError } from '@drydock/util';
import type { ResourceRegistry } from '@drydock/registry';
import { openApiV2Protobuf, openApiV2ProtobufContentType, openApiV3Document } from '@drydock/openapi';
import { sendObject } from '../http/response';


interface CachedDocument {
  body: string;
  hash: string;
}

/**
 * `/openapi/v3` and `/openapi/v3/<api|apis/g>/<v>`: documents built from the registry and the model
 * metadata, cached per registry version; `/openapi/v2` is an empty protobuf document (see kubectl-compat §2).
 */
export class OpenApiService {
  private cacheVersion = -1;
  private documents = new Map<string, CachedDocument>();

  constructor(private readonly registry: ResourceRegistry) {}

  serve(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): void {
    if (path === '/openapi/v3') return sendObject(res, 200, { paths: this.index() });
    if (path === '/openapi/v2') {
      // An empty v2 document: kubectl's v2 fallback (kind: List, create-only kinds) then defers to the server's validation.
      res.writeHead(200, { 'Content-Type': openApiV2ProtobufContentType, 'Cache-Control': 'no-cache, private' });
      res.end(openApiV2Protobuf());
      return;
    }
    const groupVersion = path.slice('/openapi/v3/'.length);
    if (!path.startsWith('/openapi/v3/')) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const document = this.document(groupVersion);
    if (!document) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const cacheControl = query.get('hash') === document.hash ? 'public, immutable' : 'no-cache, private';
    if (req.headers['if-none-match'] === `"${document.hash}"`) {
      res.writeHead(304, { ETag: `"${document.hash}"`, 'Cache-Control': cacheControl });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', ETag: `"${document.hash}"`, 'Cache-Control': cacheControl });
    res.end(document.body);
  }

  private index(): Record<string, { serverRelativeURL: string }> {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const { group, versions } of this.registry.groups()) {
      for (const version of versions) {
        const key = group ? `apis/${group}/${version}` : `api/${version}`;
        const document = this.document(key);
        if (document) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${document.hash}` };
      }
    }
    return paths;
  }

  private document(key: string): CachedDocument | undefined {
    if (this.cacheVersion !== this.registry.version) {
      this.documents = new Map();
      this.cacheVersion = this.registry.version;
    }
    const cached = this.documents.get(key);
    if (cached) return cached;
    const parts = key.split('/');
    const [group, version] = parts[0] === 'api' && parts.length === 2 ? ['', parts[1]] : parts[0] === 'apis' && parts.length === 3 ? [parts[1], parts[2]] : [undefined, undefined];
    if (group === undefined || version === undefined) return undefined;
    const defs = this.registry.inGroupVersion(group, version);
    if (defs.length === 0) return undefined;
    const body = JSON.stringify(openApiV3Document(group ? `${group}/${version}` : version, defs));
    const document = { body, hash: createHash('sha512').update(body).digest('hex').slice(0, 128).toUpperCase() };
    this.documents.set(key, document);
    return document;
  }
}
