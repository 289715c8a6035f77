import { isPlainObject, StatusError } from '@drydock/util';
import { goFormat, smpErrors } from '../patch-errors';

type JsonMap = Record<string, unknown>;

export const directiveMarker = '$patch';
export const retainKeysDirective = '$retainKeys';
export const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList';
export const setElementOrderPrefix = '$setElementOrder';

/** `$deleteFromPrimitiveList/finalizers` → `finalizers`; a malformed key is a 400 as upstream. */
export function extractKey(key: string, prefix: string, onError: () => StatusError): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw onError();
  return key.slice(slash + 1);
}

/** `$patch` on a map: `replace` keeps only the patch, `delete` empties the map. */
export function applyMapDirective(patch: JsonMap): JsonMap {
  const directive = patch[directiveMarker];
  if (directive === 'replace') {
    const rest = { ...patch };
    delete rest[directiveMarker];
    return rest;
  }
  if (directive === 'delete') return {};
  throw smpErrors.badPatchType(directive, patch);
}

/**
 * `$retainKeys`: clears every key of `original` missing from the list; every non-null key of the
 * patch must be in it. Removes the directive from `patch` (both are the caller's copies).
 */
export function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  if (!(retainKeysDirective in patch)) return;
  const retained = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!Array.isArray(retained)) throw smpErrors.badRetainKeys();
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(deleteFromPrimitiveListPrefix) || key.startsWith(setElementOrderPrefix)) continue;
    if (!retained.includes(key)) throw smpErrors.badRetainKeys();
  }
  for (const key of Object.keys(original)) if (!retained.includes(key)) delete original[key];
}

function isDeleteItem(item: unknown): boolean {
  if (!isPlainObject(item)) throw smpErrors.other(`expected a map[string]interface {}, but received a ${typeof item}`);
  return item[directiveMarker] === 'delete';
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isPlainObject(left) || !isPlainObject(right)) throw smpErrors.other('expected a map[string]interface {}');
  if (!(mergeKey in left)) throw smpErrors.noMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw smpErrors.noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/** The patch list must name its items in the relative order of `$setElementOrder` (upstream's validatePatchWithSetOrderList). */
export function validatePatchWithSetOrderList(patchList: unknown[], setOrderList: unknown[], mergeKey: string): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? patchList.filter((item) => !isDeleteItem(item)) : patchList;
  let patchIndex = 0;
  let orderIndex = 0;
  while (patchIndex < nonDelete.length && orderIndex < setOrderList.length) {
    const item = nonDelete[patchIndex];
    if (isPlainObject(item) && directiveMarker in item) {
      patchIndex++;
      continue;
    }
    if (mergeKeyValueEqual(item, setOrderList[orderIndex], mergeKey)) patchIndex++;
    orderIndex++;
  }
  if (patchIndex < nonDelete.length && orderIndex >= setOrderList.length) {
    throw smpErrors.other(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${setElementOrderPrefix} list:\n${goFormat(setOrderList)}\n`);
  }
}
