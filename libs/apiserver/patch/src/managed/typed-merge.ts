import { isPlainObject } from '@drydock/util';
import { SchemaNavigator } from '../schema/schema-navigator';
import { childNode, isAtomicObject, itemNode, listSemantics, TypeNode } from '../schema/type-node';
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

function mergeLists(live: unknown[], config: unknown[], node: TypeNode, navigator: SchemaNavigator, path: FieldPath): unknown[] {
  const semantics = listSemantics(node);
  if (semantics.type === 'atomic') return withoutNulls(config) as unknown[];
  const liveElements = live.map((item, i) => listItemElement(item, i, semantics, path, false));
  const configElements = config.map((item, i) => listItemElement(item, i, semantics, path));
  const liveByElement = new Map(liveElements.map((element, i) => [element, live[i]] as const));
  const inConfig = new Set(configElements);
  const merged: unknown[] = [];
  const emitted = new Set<PathElement>();
  let li = 0;
  let ci = 0;
  while (li < live.length || ci < config.length) {
    const liveElement = liveElements[li];
    if (li < live.length && emitted.has(liveElement)) li++;
    else if (li < live.length && !inConfig.has(liveElement)) {
      merged.push(live[li++]);
      emitted.add(liveElement);
    } else if (ci < config.length) {
      const element = configElements[ci];
      merged.push(mergeApplied(liveByElement.get(element), config[ci++], itemNode(node), navigator, [...path, element]));
      emitted.add(element);
    } else li++;
  }
  return merged;
}
