import { parse as parseYaml } from 'yaml';
import { isPlainObject, StatusError } from '@drydock/util';
import { decodeJson, jsonKind } from './json-decode';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const patchContentTypes: Readonly<Record<PatchType, string>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface ParsedPatchBody {
  type: PatchType;
  /** The decoded body: a list of operations for `json`, an object for the others. */
  patch: unknown;
}

export interface ParsePatchOptions {
  /** False for custom resources: upstream's CRD handler does not accept strategic merge patch (415). */
  strategicMergeAllowed?: boolean;
}

function acceptedTypes(strategicMergeAllowed: boolean): PatchType[] {
  return strategicMergeAllowed ? ['json', 'merge', 'strategic', 'apply'] : ['json', 'merge', 'apply'];
}

/** upstream's negotiation.NewUnsupportedMediaTypeError for PATCH (no details). */
function unsupported(accepted: PatchType[]): StatusError {
  const list = accepted.map((type) => patchContentTypes[type]).join(', ');
  return new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${list}`);
}

function decodeApply(text: string): unknown {
  let decoded: unknown;
  try {
    decoded = parseYaml(text);
  } catch (error) {
    throw StatusError.badRequest(`error decoding YAML: ${(error as Error).message}`);
  }
  if (!isPlainObject(decoded)) throw StatusError.badRequest(`error decoding YAML: cannot unmarshal ${jsonKind(decoded)} into an object`);
  return decoded;
}

/**
 * Decodes a PATCH body by its Content-Type (parameters such as `; charset=utf-8` are ignored, as
 * upstream does). Unknown types are a 415; a malformed body is a 400 naming the problem.
 */
export function parsePatchBody(contentType: string, body: Uint8Array | string, options: ParsePatchOptions = {}): ParsedPatchBody {
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  const accepted = acceptedTypes(options.strategicMergeAllowed ?? true);
  const type = accepted.find((candidate) => patchContentTypes[candidate] === mediaType);
  if (!type) throw unsupported(accepted);
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  if (type === 'apply') return { type, patch: decodeApply(text) };
  const patch = decodeJson(text, (message) => (type === 'strategic' ? message : `error decoding patch: ${message}`));
  if (type === 'json' && !Array.isArray(patch)) {
    throw StatusError.badRequest(`error decoding patch: json: cannot unmarshal ${jsonKind(patch)} into Go value of type []handlers.jsonPatchOp`);
  }
  if (type !== 'json' && !isPlainObject(patch)) {
    const prefix = type === 'strategic' ? '' : 'error decoding patch: ';
    throw StatusError.badRequest(`${prefix}json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}`);
  }
  return { type, patch };
}
