import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { ApiError } from '@drydock/client';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphqlContext } from '../graphql-context';
import { impersonationHeaders } from '../kube/kube-api.client';
import { wantsReachableNamespaces } from '../access/access-check';
import { bearerToken, GraphqlAuthService, operationNameOf } from './graphql-auth.service';
import { LiveSchema } from '../kinds/live-schema';

const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** `graphqlCluster`: the sandbox cluster of `/clusters/<name>/graphql` (routeClusterGraphql). */
export type GraphqlRequest = IncomingMessage & { body?: unknown; graphqlContext?: GraphqlContext; graphqlCluster?: string };

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code, status } }] });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...(status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}) });
  res.end(body);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error(`the request body is larger than ${MAX_BODY_BYTES} bytes`), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        reject(Object.assign(new Error('the request body is not valid JSON'), { status: 400 }));
      }
    });
    req.on('error', reject);
  });
}

/**
 * In front of Apollo on /graphql: authenticates the caller through the REST pipeline (401 as REST
 * answers, before any GraphQL runs; Impersonate-* headers impersonate, or refuse with 403, as on REST), reads the JSON body (the API server runs without a body
 * parser), and leaves the operation's context (the caller's REST client and loader) on the request.
 */
@Injectable()
export class GraphqlHttpMiddleware implements NestMiddleware {
  constructor(
    @Inject(GraphqlAuthService) private readonly auth: GraphqlAuthService,
    @Inject(LiveSchema) private readonly schema: LiveSchema,
  ) {}

  async use(req: GraphqlRequest, res: ServerResponse, next: (error?: unknown) => void): Promise<void> {
    try {
      const token = bearerToken(req.headers.authorization);
      const impersonation = impersonationHeaders(req);
      const user = await this.auth.authenticate(token, impersonation);
      if (!user || !token) return sendError(res, 401, 'Unauthorized', 'Unauthorized: a valid bearer token is required (Authorization: Bearer <token>)');
      if (req.method === 'POST' && req.body === undefined) req.body = await readJson(req);
      req.graphqlContext = this.auth.contextFor(token, user, { impersonation, reachable: wantsReachableNamespaces(req), cluster: req.graphqlCluster, operation: operationNameOf(req.body) });
      // Before Apollo reads its schema: a kind served since the last request (a new CRD) is in it.
      this.schema.current();
      next();
    } catch (error) {
      if (error instanceof ApiError) return sendError(res, error.code, error.reason, error.message);
      const status = (error as { status?: number }).status ?? 500;
      sendError(res, status, status === 413 ? 'RequestEntityTooLarge' : status === 400 ? 'BadRequest' : 'InternalError', (error as Error).message);
    }
  }
}
