import { isPlainObject, StatusError } from '@drydock/util';
import { decodeJson, PatchInput } from '../body/json-decode';
import { cloneJson } from '../json-clone';
// json-merge-patch ships no types; its apply(target, patch) modifies and returns target.
const jsonMergePatch: { apply(target: unknown, patch: unknown): unknown } = require('json-merge-patch');

/**
 * Applies an RFC 7386 JSON merge patch (application/merge-patch+json), as label, annotate, scale,
 * edit and every patch of a custom resource send. The patch must be a JSON object (upstream answers
 * "Invalid JSON Patch" otherwise). `original` is not modified.
 */
export function applyMergePatch<T>(original: T, patch: PatchInput): T {
  const decoded = decodeJson(patch, (message) => `error decoding patch: ${message}`);
  if (!isPlainObject(decoded)) throw StatusError.badRequest('Invalid JSON Patch');
  return jsonMergePatch.apply(cloneJson(original), cloneJson(decoded)) as T;
}
