import { isPlainObject } from '@drydock/util';
import { smpErrors } from '../patch-errors';
import { SchemaNavigator } from '../schema/schema-navigator';
import { childNode, patchStrategyOf, TypeNode } from '../schema/type-node';
import {
  applyMapDirective, applyRetainKeys, deleteFromPrimitiveListPrefix, directiveMarker, extractKey, setElementOrderPrefix, validatePatchWithSetOrderList,
} from './directives';
import { elementKind, normalizeElementOrder, partitionByPresence } from './element-order';
import { mergeList } from './merge-list';

type JsonMap = Record<string, unknown>;

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

/** A patch value for a key the original lacks: merged into an empty value so directives and nulls do not leak. */
function freshValue(patchValue: unknown, node: TypeNode, navigator: SchemaNavigator): unknown {
  if (isPlainObject(patchValue)) return mergeMap({}, patchValue, node, navigator);
  if (Array.isArray(patchValue) && patchStrategyOf(node.meta).strategy === 'merge') return mergeList([], patchValue, node, navigator);
  return patchValue;
}

/**
 * The live order upstream really uses to place server-only items after `$setElementOrder`: Go's
 * mergeSlice deletes and appends in the live list's backing array, so upstream sees the live list
 * with `$patch: delete` items removed and the first new items moved into the freed slots.
 */
function liveOrderSeenUpstream(originalList: unknown[], patchList: unknown[], mergeKey: string): unknown[] {
  const items = patchList.filter(isPlainObject);
  const deleted = items.filter((item) => item[directiveMarker] === 'delete').map((item) => item[mergeKey]);
  if (deleted.length === 0) return originalList;
  const afterDeletion = originalList.filter((item) => !isPlainObject(item) || !deleted.includes(item[mergeKey]));
  if (items.some((item) => item[directiveMarker] === 'replace')) return afterDeletion;
  const keys = new Set(afterDeletion.map((item) => (isPlainObject(item) ? item[mergeKey] : undefined)));
  const appended: unknown[] = [];
  for (const item of items) {
    if (directiveMarker in item || keys.has(item[mergeKey])) continue;
    keys.add(item[mergeKey]);
    appended.push(item);
  }
  return [...afterDeletion, ...appended].slice(0, originalList.length);
}

/** Merges both lists of `$setElementOrder/<field>` and orders the result (upstream's mergePatchIntoOriginal). */
function mergeOrderedList(original: JsonMap, patch: JsonMap, field: string, order: unknown[], node: TypeNode, navigator: SchemaNavigator): void {
  const child = childNode(node, field, navigator);
  const mergeKey = child.meta.patchMergeKey ?? '';
  const originalList = field in original ? original[field] : [];
  const patchList = field in patch ? patch[field] : [];
  if (!Array.isArray(originalList) || !Array.isArray(patchList)) throw smpErrors.badSetElementOrder();
  validatePatchWithSetOrderList(patchList, order, mergeKey);
  if (!(field in original) && !(field in patch)) return;
  const isMerge = patchStrategyOf(child.meta).strategy === 'merge';
  const merged = isMerge ? mergeList(originalList, patchList, child, navigator) : field in patch ? patchList : originalList;
  delete patch[field];
  const kind = elementKind(originalList, patchList);
  if (!kind) {
    original[field] = merged;
    return;
  }
  const [named, serverOnly] = partitionByPresence(merged, order, mergeKey, kind);
  const serverOrder = isMerge && kind === 'map' ? liveOrderSeenUpstream(originalList, patchList, mergeKey) : originalList;
  original[field] = normalizeElementOrder(named, serverOnly, order, serverOrder, mergeKey, kind);
}

function applySetElementOrder(original: JsonMap, patch: JsonMap, node: TypeNode, navigator: SchemaNavigator): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw smpErrors.badSetElementOrder();
    const field = extractKey(key, setElementOrderPrefix, smpErrors.badSetElementOrder);
    mergeOrderedList(original, patch, field, order, node, navigator);
  }
}

function mergeField(original: JsonMap, rawKey: string, patchValue: unknown, node: TypeNode, navigator: SchemaNavigator): void {
  const isDeleteList = rawKey.startsWith(deleteFromPrimitiveListPrefix);
  const key = isDeleteList ? extractKey(rawKey, deleteFromPrimitiveListPrefix, smpErrors.badPrimitiveList) : rawKey;
  if (patchValue === null) {
    delete original[key];
    return;
  }
  const child = childNode(node, key, navigator);
  const current = original[key];
  if (!(key in original) || jsonType(current) !== jsonType(patchValue)) {
    if (!isDeleteList) original[key] = freshValue(patchValue, child, navigator);
    return;
  }
  const { strategy } = patchStrategyOf(child.meta);
  if (isPlainObject(current)) original[key] = strategy === 'replace' ? patchValue : mergeMap(current, patchValue as JsonMap, child, navigator);
  else if (Array.isArray(current)) original[key] = strategy === 'merge' ? mergeList(current, patchValue as unknown[], child, navigator, isDeleteList) : patchValue;
  else original[key] = patchValue;
}

/**
 * Merges a strategic merge patch map into an original map (upstream's mergeMap with
 * MergeParallelList and IgnoreUnmatchedNulls, i.e. the server-side flavour). Both arguments must be
 * copies the caller owns: they are modified.
 */
export function mergeMap(original: JsonMap, patch: JsonMap, node: TypeNode, navigator: SchemaNavigator): JsonMap {
  if (directiveMarker in patch) return applyMapDirective(patch);
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, node, navigator);
  for (const [key, value] of Object.entries(patch)) mergeField(original, key, value, node, navigator);
  return original;
}
