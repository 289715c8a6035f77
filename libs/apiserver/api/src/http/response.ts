import type { ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import { StatusError, type KubeObject } from '@drydock/util';
import { InProcessResponse } from './in-process-transport';
import { listJson } from './object-json';

const commonHeaders = { 'Cache-Control': 'no-cache, private' };

/** Writes a JSON (or YAML) body with upstream's headers. Every 2xx body carries kind and apiVersion. */
export function sendObject(res: ServerResponse, code: number, body: unknown, options: { yaml?: boolean; contentType?: string; warnings?: string[]; encode?: (body: never) => string } = {}): void {
  if (res.headersSent) return;
  const text = options.yaml ? stringify(body) : (options.encode ?? JSON.stringify)(body as never);
  const headers: Record<string, string | string[]> = { ...commonHeaders, 'Content-Type': options.contentType ?? (options.yaml ? 'application/yaml' : 'application/json') };
  if (options.warnings?.length) headers['Warning'] = options.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(text);
}

/**
 * Writes a list body (items from the watch cache or the store). To GraphQL's in-process requests the
 * list is handed over as it is, unencoded: its items are the server's own objects, which neither side
 * mutates (the watch cache replaces an object, never changes it).
 */
export function sendList(res: ServerResponse, body: { items: KubeObject[] } & Record<string, unknown>, options: { yaml?: boolean } = {}): void {
  if (res instanceof InProcessResponse && !options.yaml && !res.headersSent) {
    res.writeHead(200, { ...commonHeaders, 'Content-Type': 'application/json' });
    res.handOver(body);
    res.end();
    return;
  }
  sendObject(res, 200, body, { yaml: options.yaml, encode: listJson });
}

export function sendStatusError(res: ServerResponse, error: StatusError): void {
  const headers: Record<string, string> = {};
  if (error.details?.retryAfterSeconds) headers['Retry-After'] = String(error.details.retryAfterSeconds);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(error.code, { ...commonHeaders, ...headers, 'Content-Type': 'application/json' });
  res.end(error.toStatusJson());
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { ...commonHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

/** Any thrown value as a StatusError: unknown errors become 500s (a bug) with a generic message. */
export function toStatusError(error: unknown): StatusError {
  if (error instanceof StatusError) return error;
  return StatusError.internal(error instanceof Error ? error.message : String(error));
}
