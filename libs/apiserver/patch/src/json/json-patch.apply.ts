import { applyPatch, Operation } from 'fast-json-patch';
import { isPlainObject, StatusError } from '@drydock/util';
import { decodeJson, jsonKind, PatchInput } from '../body/json-decode';
import { unprocessable } from '../patch-errors';
import { cloneJson } from '../json-clone';

/** Upstream's maxJSONPatchOperations. */
export const maxJsonPatchOperations = 10000;

function decodeOperations(patch: PatchInput): Operation[] {
  const decoded = decodeJson(patch, (message) => `error decoding patch: ${message}`);
  if (!Array.isArray(decoded)) {
    throw StatusError.badRequest(`error decoding patch: json: cannot unmarshal ${jsonKind(decoded)} into Go value of type []handlers.jsonPatchOp`);
  }
  const notAnOperation = decoded.find((op) => !isPlainObject(op));
  if (notAnOperation !== undefined) {
    throw StatusError.badRequest(`error decoding patch: json: cannot unmarshal ${jsonKind(notAnOperation)} into Go value of type handlers.jsonPatchOp`);
  }
  if (decoded.length > maxJsonPatchOperations) {
    throw StatusError.tooLarge(`The allowed maximum operations in a JSON patch is ${maxJsonPatchOperations}, got ${decoded.length}`);
  }
  return cloneJson(decoded) as Operation[];
}

/**
 * Applies an RFC 6902 JSON patch (application/json-patch+json), as `kubectl rollout undo` and helm
 * send. A body that is not a list of operations is a 400; an operation that cannot be applied
 * (missing path, failed `test`, unknown op) is a 422 with upstream's generic message, because
 * upstream's handler wraps it in NewGenericServerResponse. `original` is not modified.
 */
export function applyJsonPatch<T>(original: T, patch: PatchInput): T {
  const operations = decodeOperations(patch);
  try {
    return applyPatch(cloneJson(original), operations, true, true).newDocument;
  } catch {
    // JsonPatchError (missing path, failed test, unknown op) or a TypeError from a malformed op.
    throw unprocessable();
  }
}
