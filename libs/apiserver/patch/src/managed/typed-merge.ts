import { isPlainObject } from '@drydock/util';
import { SchemaNavigator } from '../schema/schema-navigator';
import { childNode, isAtomicObject, itemNode, ListSemantics, listSemantics, TypeNode } from '../schema/type-node';
import { fieldElement, FieldPath, PathElement } from './field-path';
import { listItemElement } from './list-items';

type JsonMap = Record<string, unknown>;

/** A fresh copy of a config value without its null fields (null means "unset" in an applied config). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/**
 * Merges an applied configuration into the live value by the schema (structured-merge-diff's
 * Merge): granular maps merge key by key, list-maps and sets merge item by item, atomic values are
 * replaced. Items only in the live list keep their place; the applied items follow the applied order.
 */
export function mergeApplied(live: unknown, config: unknown, node: TypeNode, navigator: SchemaNavigator, path: FieldPath = []): unknown {
  if (config === undefined) return live;
  if (live === undefined || live === null || config === null) return withoutNulls(config);
  if (Array.isArray(live) && Array.isArray(config)) return mergeLists(live, config, node, navigator, path);
  if (isPlainObject(live) && isPlainObject(config) && !isAtomicObject(node)) {
    const merged: JsonMap = { ...live };
    for (const [key, value] of Object.entries(config)) {
      if (value === null) delete merged[key];
      else merged[key] = mergeApplied(live[key], value, childNode(node, key, navigator), navigator, [...path, fieldElement(key)]);
    }
    return merged;
  }
  return withoutNulls(config);
}

/** A list's items by path element, in order, duplicates after the first dropped (upstream's indexListPathElements). */
function indexList(list: unknown[], semantics: ListSemantics, path: FieldPath, strict: boolean): { order: PathElement[]; items: Map<PathElement, unknown> } {
  const items = new Map<PathElement, unknown>();
  list.forEach((item, i) => {
    const element = listItemElement(item, i, semantics, path, strict);
    if (!items.has(element)) items.set(element, item);
  });
  return { order: [...items.keys()], items };
}

/**
 * Merges two keyed lists in structured-merge-diff's order (mergingWalker.visitListItems): live-only
 * items keep their place, applied items come in applied order, and items in both are merged at
 * the position the applied order gives them.
 */
function mergeLists(live: unknown[], config: unknown[], node: TypeNode, navigator: SchemaNavigator, path: FieldPath): unknown[] {
  const semantics = listSemantics(node);
  if (semantics.type === 'atomic') return withoutNulls(config) as unknown[];
  const lhs = indexList(live, semantics, path, false);
  const rhs = indexList(config, semantics, path, true);
  const shared = rhs.order.filter((element) => lhs.items.has(element));
  let nextShared = shared.shift();
  const merged: unknown[] = [];
  const take = (element: PathElement) => merged.push(mergeApplied(lhs.items.get(element), rhs.items.get(element), itemNode(node), navigator, [...path, element]));
  let [l, r] = [0, 0];
  while (l < lhs.order.length || r < rhs.order.length) {
    const [left, right] = [lhs.order[l], rhs.order[r]];
    if (l < lhs.order.length && r < rhs.order.length && left === right) {
      take(right);
      [l, r, nextShared] = [l + 1, r + 1, shared.shift()];
    } else if (l < lhs.order.length && r < rhs.order.length && rhs.items.has(left) && nextShared !== undefined && nextShared !== left) {
      l++;
    } else if (l < lhs.order.length && !rhs.items.has(left)) {
      merged.push(lhs.items.get(left));
      l++;
    } else if (r < rhs.order.length) {
      take(right);
      r++;
      if (nextShared === right) nextShared = shared.shift();
    } else l++; // a shared live item already merged in applied order
  }
  return merged;
}
