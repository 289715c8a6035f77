import type { IncomingMessage } from 'node:http';
import { parseAllDocuments } from 'yaml';
import { StatusError, isPlainObject } from '@drydock/util';
import { decodeKubernetesProtobuf } from '@drydock/protobuf';

/** Upstream's MaxRequestBodyBytes: 3 MiB. */
export const maxRequestBodyBytes = 3 * 1024 * 1024;

/** Reads the whole request body; 413 past the limit (without buffering the rest). */
export async function readBody(req: IncomingMessage, limit = maxRequestBodyBytes): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    req.resume();
    throw StatusError.tooLarge(`Request entity too large: limit is ${limit}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw StatusError.tooLarge(`Request entity too large: limit is ${limit}`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The media type without parameters, lower case. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

const jsonTypes = new Set(['application/json', '']);
const yamlTypes = new Set(['application/yaml', 'application/x-yaml', 'text/yaml']);

/**
 * Decodes a create/update body into one object: JSON, YAML, or Kubernetes protobuf (client-go's typed
 * clients, hence `kubectl create …`, send built-in kinds as protobuf). Anything else is 415, malformed input 400.
 */
export function decodeObjectBody(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  const type = mediaType(contentType);
  if (body.length === 0) throw StatusError.badRequest('the body of the request was empty');
  let value: unknown;
  if (jsonTypes.has(type)) value = parseJson(body.toString('utf8'));
  else if (yamlTypes.has(type)) value = parseYaml(body.toString('utf8'));
  else if (type === 'application/vnd.kubernetes.protobuf') value = decodeKubernetesProtobuf(body);
  else throw StatusError.unsupportedMediaType(type);
  if (!isPlainObject(value)) throw StatusError.badRequest('the body of the request must be a JSON object');
  assertNestingDepth(value);
  return value;
}

/** Deeper than any Kubernetes object needs; keeps every recursive step below safe from stack exhaustion. */
export const maxNestingDepth = 1000;

/** 400 for documents nested deeper than `maxNestingDepth` (checked iteratively, so it cannot overflow itself). */
export function assertNestingDepth(value: unknown, max = maxNestingDepth): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > max) throw StatusError.badRequest(`json: exceeded max depth of ${max}`);
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw StatusError.badRequest(`error decoding request body: ${(error as Error).message}`);
  }
}

export function parseYaml(text: string): unknown {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const errors = list.flatMap((d) => d.errors);
  if (errors.length > 0) throw StatusError.badRequest(`error converting YAML to JSON: ${errors[0].message}`);
  if (list.length !== 1) throw StatusError.badRequest(`error converting YAML to JSON: expected exactly one document, found ${list.length}`);
  return list[0].toJS();
}
