import { StatusError } from '@drydock/util';

/**
 * Errors of the patch mechanisms, built the way upstream's patch handler builds them
 * (k8s.io/apiserver/pkg/endpoints/handlers/patch.go, k8s.io/apimachinery/pkg/util/mergepatch).
 */

/** upstream's NewGenericServerResponse(422, …): the detail is not part of the message. */
export function unprocessable(): StatusError {
  return new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

/** Errors of strategic merge patch, with upstream's texts (mergepatch/errors.go). */
export const smpErrors = {
  badJsonDoc: () => StatusError.badRequest('invalid JSON document'),
  noListOfLists: () => unprocessable(),
  badPrimitiveList: () => StatusError.badRequest('invalid patch format of primitive list'),
  badRetainKeys: () => StatusError.badRequest('invalid patch format of retainKeys'),
  badSetElementOrder: () => StatusError.badRequest('invalid patch format of setElementOrder list'),
  noMergeKey: (item: unknown, key: string) => StatusError.badRequest(`map: ${goFormat(item)} does not contain declared merge key: ${key}`),
  badPatchType: (type: unknown, item: unknown) => StatusError.badRequest(`unknown patch type: ${goFormat(type)} in map: ${goFormat(item)}`),
  /** Upstream returns these as plain errors (a 500); a client sent them, so Drydock answers 400. */
  other: (message: string) => StatusError.badRequest(message),
};

/** Formats a JSON value as Go's `%v` prints the decoded value (`map[a:1 b:[x y]]`). */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object).sort().map((k) => `${k}:${goFormat((value as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(value);
}
