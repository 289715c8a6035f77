import { isPlainObject } from '@drydock/util';
import { smpErrors } from '../patch-errors';

/**
 * Ordering of merged lists, as upstream's strategicpatch: the patch's order (or its
 * `$setElementOrder`) wins for items the patch names, the live order is kept for the others, and the
 * two are interleaved by their positions in the live list. Lists here are fresh copies the caller owns.
 */
export type ElementKind = 'map' | 'scalar';

export function elementKind(...lists: unknown[][]): ElementKind | undefined {
  for (const list of lists) for (const item of list) return isPlainObject(item) ? 'map' : 'scalar';
  return undefined;
}

function keyOf(item: unknown, mergeKey: string, kind: ElementKind): unknown {
  if (kind === 'scalar') return item;
  return isPlainObject(item) ? item[mergeKey] : undefined;
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: ElementKind): number {
  const wanted = keyOf(item, mergeKey, kind);
  return list.findIndex((candidate) => keyOf(candidate, mergeKey, kind) === wanted);
}

export function requireMergeKey(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isPlainObject(item)) throw smpErrors.other(`expected a map[string]interface {}, but received a ${typeof item}`);
      if (!(mergeKey in item)) throw smpErrors.noMergeKey(item, mergeKey);
    }
  }
}

/** Go's insertion sort (what sort.SliceStable runs for short lists), kept for its exact tie behaviour. */
function insertionSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) [items[j], items[j - 1]] = [items[j - 1], items[j]];
  }
  return items;
}

/** Sorts `toSort` by the positions of its items in `order`; `$patch: delete` items go last. */
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let items = [...toSort];
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    requireMergeKey(mergeKey, items, order);
    toDelete = items.filter((item) => (item as Record<string, unknown>)['$patch'] === 'delete');
    items = items.filter((item) => (item as Record<string, unknown>)['$patch'] !== 'delete');
  }
  insertionSort(items, (a, b) => {
    const ia = indexIn(order, a, mergeKey, kind);
    const ib = indexIn(order, b, mergeKey, kind);
    return ia >= 0 && ib >= 0 ? ia < ib : true;
  });
  return [...items, ...toDelete];
}

/** Interleaves server-only items (`left`) into patch items (`right`) by their live positions. */
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  const merged: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) merged.push(right[j++]);
    else if (j >= right.length) merged.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) merged.push(left[i++]);
      else merged.push(right[j++]);
    }
  }
  return merged;
}

/** Splits merged items into those named by `partitionBy` and the server-only rest. */
export function partitionByPresence(merged: unknown[], partitionBy: unknown[], mergeKey: string, kind: ElementKind): [unknown[], unknown[]] {
  if (kind === 'map') requireMergeKey(mergeKey, merged);
  const named: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const item of merged) (indexIn(partitionBy, item, mergeKey, kind) >= 0 ? named : serverOnly).push(item);
  return [named, serverOnly];
}

export function normalizeElementOrder(patch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  const sortedPatch = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const sortedServerOnly = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(sortedServerOnly, sortedPatch, serverOrder, mergeKey, kind);
}
