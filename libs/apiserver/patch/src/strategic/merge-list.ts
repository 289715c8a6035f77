import { isPlainObject } from '@drydock/util';
import { smpErrors } from '../patch-errors';
import { SchemaNavigator } from '../schema/schema-navigator';
import { itemNode, TypeNode } from '../schema/type-node';
import { elementKind, ElementKind, normalizeElementOrder, partitionByPresence } from './element-order';
import { mergeMap } from './merge-map';

type JsonMap = Record<string, unknown>;

/** All items of a list must share a type and may not be lists (upstream's sliceElementType). */
function checkElementTypes(...lists: unknown[][]): ElementKind | undefined {
  const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  const items = lists.flat();
  if (items.some(Array.isArray)) throw smpErrors.noListOfLists();
  if (new Set(items.map(typeOf)).size > 1) throw smpErrors.other(`list element types are not identical`);
  return elementKind(...lists);
}

function sameKey(item: unknown, mergeKey: string, value: unknown): boolean {
  if (!isPlainObject(item)) throw smpErrors.other('value for key is not a map.');
  return mergeKey in item && item[mergeKey] === value;
}

/** Applies `$patch: delete|replace` items; returns the new original and the patch without them. */
function applySpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  for (const item of patch as JsonMap[]) {
    if (!('$patch' in item)) plain.push(item);
    else if (item.$patch === 'delete') {
      if (!(mergeKey in item)) throw smpErrors.noMergeKey(item, mergeKey);
      original = original.filter((candidate) => !sameKey(candidate, mergeKey, item[mergeKey]));
    } else if (item.$patch === 'replace') replace = true;
    else if (item.$patch === 'merge') throw smpErrors.other('merging lists cannot yet be specified in the patch');
    else throw smpErrors.badPatchType(item.$patch, item);
  }
  return replace ? [plain, []] : [original, plain];
}

function mergeItemsByKey(original: unknown[], patch: unknown[], mergeKey: string, node: TypeNode, navigator: SchemaNavigator): unknown[] {
  const merged = [...original];
  for (const item of patch as JsonMap[]) {
    if (!(mergeKey in item)) throw smpErrors.noMergeKey(item, mergeKey);
    const at = merged.findIndex((candidate) => sameKey(candidate, mergeKey, item[mergeKey]));
    if (at >= 0) merged[at] = mergeMap(merged[at] as JsonMap, item, itemNode(node), navigator);
    else merged.push(item);
  }
  return merged;
}

function dedupeScalars(items: unknown[]): unknown[] {
  return items.filter((item, i) => items.indexOf(item) === i);
}

/**
 * Merges a list whose field has `patchStrategy: merge` (upstream's mergeSlice). Lists of maps merge
 * item by item on the merge key; lists of scalars are a union, or a removal for
 * `$deleteFromPrimitiveList`. The result is ordered as the patch says (see element-order).
 */
export function mergeList(original: unknown[], patch: unknown[], node: TypeNode, navigator: SchemaNavigator, isDeleteList = false): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = checkElementTypes(original, patch) as ElementKind;
  const mergeKey = node.meta.patchMergeKey ?? '';
  let merged: unknown[];
  if (kind === 'scalar') {
    if (isDeleteList) return original.filter((item) => !patch.includes(item));
    merged = dedupeScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw smpErrors.other('cannot merge lists without merge key for type map');
    [original, patch] = applySpecialElements(original, patch, mergeKey);
    merged = mergeItemsByKey(original, patch, mergeKey, node, navigator);
  }
  const [named, serverOnly] = partitionByPresence(merged, patch, mergeKey, kind);
  return normalizeElementOrder(named, serverOnly, patch, original, mergeKey, kind);
}
