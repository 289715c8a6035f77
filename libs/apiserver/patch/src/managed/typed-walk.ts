import { isPlainObject } from '@drydock/util';
import { SchemaNavigator } from '../schema/schema-navigator';
import { childNode, isAtomicObject, isStruct, itemNode, listSemantics, TypeNode } from '../schema/type-node';
import { elementString, fieldElement, FieldPath } from './field-path';
import { FieldSet } from './field-set';
import { deepEqual, indexItems, listItemElement, typedPatchError } from './list-items';

type JsonMap = Record<string, unknown>;

/**
 * The fields a value sets, as structured-merge-diff's ToFieldSet: every scalar, every item of a
 * set or list-map, atomic lists and maps as a whole, map entries (labels) and empty or null fields.
 * This is the set an Apply manager owns. Duplicate list keys are a 422, as for upstream's apply.
 */
export function toFieldSet(value: unknown, node: TypeNode, navigator: SchemaNavigator, path: FieldPath = [], set = new FieldSet()): FieldSet {
  if (Array.isArray(value)) walkList(value, node, navigator, path, set);
  else if (isPlainObject(value) && !isAtomicObject(node)) walkMap(value, node, navigator, path, set);
  else set.insert(path);
  return set;
}

function walkList(list: unknown[], node: TypeNode, navigator: SchemaNavigator, path: FieldPath, set: FieldSet): void {
  const semantics = listSemantics(node);
  if (semantics.type === 'atomic') return set.insert(path);
  list.forEach((item, index) => {
    const element = listItemElement(item, index, semantics, path);
    const itemPath = [...path, element];
    if (set.has(itemPath)) throw typedPatchError(path, `duplicate entries for key ${elementString(element)}`);
    if (semantics.type === 'map') toFieldSet(item, itemNode(node), navigator, itemPath, set);
    set.insert(itemPath);
  });
}

function walkMap(map: JsonMap, node: TypeNode, navigator: SchemaNavigator, path: FieldPath, set: FieldSet): void {
  for (const [key, child] of Object.entries(map)) {
    const childPath = [...path, fieldElement(key)];
    toFieldSet(child, childNode(node, key, navigator), navigator, childPath, set);
    const emptyOrNull = child === null || (isPlainObject(child) && Object.keys(child).length === 0);
    const declaredField = isStruct(node) && navigator.fieldSchema((node.schema as { model: string }).model, key) !== undefined;
    if (emptyOrNull || !declaredField) set.insert(childPath);
  }
}

export interface Comparison {
  added: FieldSet;
  removed: FieldSet;
  modified: FieldSet;
}

/**
 * What changed from `lhs` to `rhs`, as structured-merge-diff's Compare: paths added, removed, and
 * leaves (scalars, atomic values) modified. A struct node itself is never reported added or removed
 * (upstream's typed objects always carry their non-pointer structs), its fields are.
 */
export function compareValues(lhs: unknown, rhs: unknown, node: TypeNode, navigator: SchemaNavigator): Comparison {
  const comparison = { added: new FieldSet(), removed: new FieldSet(), modified: new FieldSet() };
  compareAt(lhs, rhs, node, navigator, [], comparison);
  return comparison;
}

/** Records a whole added or removed subtree: every node but granular struct objects, as upstream's Compare descends. */
function insertSubtree(value: unknown, node: TypeNode, navigator: SchemaNavigator, path: FieldPath, target: FieldSet): void {
  const isListItem = path.length > 0 && !path[path.length - 1].startsWith('f:');
  if (path.length > 0 && (isListItem || isAtomicObject(node) || !(isStruct(node) && isPlainObject(value)))) target.insert(path);
  if (Array.isArray(value)) {
    const semantics = listSemantics(node);
    if (semantics.type === 'atomic') return;
    value.forEach((item, index) => {
      const itemPath = [...path, listItemElement(item, index, semantics, path, false)];
      if (semantics.type === 'set') target.insert(itemPath);
      else insertSubtree(item, itemNode(node), navigator, itemPath, target);
    });
  } else if (isPlainObject(value) && !isAtomicObject(node)) {
    for (const [key, child] of Object.entries(value)) insertSubtree(child, childNode(node, key, navigator), navigator, [...path, fieldElement(key)], target);
  }
}

function compareAt(lhs: unknown, rhs: unknown, node: TypeNode, navigator: SchemaNavigator, path: FieldPath, out: Comparison): void {
  if (lhs === undefined && rhs === undefined) return;
  if (lhs === undefined) return insertSubtree(rhs, node, navigator, path, out.added);
  if (rhs === undefined) return insertSubtree(lhs, node, navigator, path, out.removed);
  if (Array.isArray(lhs) && Array.isArray(rhs) && listSemantics(node).type !== 'atomic') return compareLists(lhs, rhs, node, navigator, path, out);
  if (isPlainObject(lhs) && isPlainObject(rhs) && !isAtomicObject(node)) {
    for (const key of new Set([...Object.keys(lhs), ...Object.keys(rhs)])) {
      const left = lhs[key];
      const right = rhs[key];
      // An unchanged scalar is neither added, removed nor modified: skip it before making its path (most of a status write's fields).
      if (left === right && (left === null || typeof left !== 'object')) continue;
      compareAt(left, right, childNode(node, key, navigator), navigator, [...path, fieldElement(key)], out);
    }
    return;
  }
  if (!deepEqual(lhs, rhs)) out.modified.insert(path);
}

function compareLists(lhs: unknown[], rhs: unknown[], node: TypeNode, navigator: SchemaNavigator, path: FieldPath, out: Comparison): void {
  const semantics = listSemantics(node);
  const left = indexItems(lhs, semantics, path, false);
  const right = indexItems(rhs, semantics, path, false);
  for (const element of new Set([...left.keys(), ...right.keys()])) {
    const itemPath = [...path, element];
    if (semantics.type === 'set') {
      if (!left.has(element)) out.added.insert(itemPath);
      else if (!right.has(element)) out.removed.insert(itemPath);
    } else compareAt(left.get(element), right.get(element), itemNode(node), navigator, itemPath, out);
  }
}
