import { isPlainObject } from '@drydock/util';
import { SchemaNavigator } from '../schema/schema-navigator';
import { childNode, itemNode, listSemantics, TypeNode } from '../schema/type-node';
import { FieldPath } from './field-path';
import { FieldSet } from './field-set';
import { listItemElement } from './list-items';

function isEmpty(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
}

interface PruneContext {
  path: FieldPath;
  owned: FieldSet;
  navigator: SchemaNavigator;
}

function removeField(value: Record<string, unknown>, at: number, node: TypeNode, context: PruneContext): void {
  const name = context.path[at].slice(2);
  if (!(name in value)) return;
  if (at === context.path.length - 1) {
    delete value[name];
    return;
  }
  removeAt(value[name], at + 1, childNode(node, name, context.navigator), context);
  // A field emptied by the removal goes too, unless someone owns it (upstream's EnsureNamedFieldsAreMembers).
  if (isEmpty(value[name]) && !context.owned.has(context.path.slice(0, at + 1))) delete value[name];
}

function removeItem(list: unknown[], at: number, node: TypeNode, context: PruneContext): void {
  const semantics = listSemantics(node);
  const listPath = context.path.slice(0, at);
  const index = list.findIndex((item, i) => listItemElement(item, i, semantics, listPath, false) === context.path[at]);
  if (index < 0) return;
  if (at === context.path.length - 1) list.splice(index, 1);
  else removeAt(list[index], at + 1, itemNode(node), context);
}

function removeAt(value: unknown, at: number, node: TypeNode, context: PruneContext): void {
  if (context.path[at].startsWith('f:')) {
    if (isPlainObject(value)) removeField(value, at, node, context);
  } else if (Array.isArray(value)) removeItem(value, at, node, context);
}

/**
 * Removes from `object` (modified in place; pass a copy) the fields an applier no longer applies:
 * `disowned` paths that nobody owns any more, keeping those with an owned descendant
 * (structured-merge-diff's prune with addBackOwnedItems).
 */
export function removeDisowned(object: Record<string, unknown>, disowned: FieldSet, owned: FieldSet, node: TypeNode, navigator: SchemaNavigator): void {
  // Shortest first: removing a list item removes its fields, whose paths then match nothing.
  const paths = disowned.paths().sort((a, b) => a.length - b.length);
  for (const path of paths) {
    if (path.length === 0 || owned.hasDescendant(path)) continue;
    removeAt(object, 0, node, { path, owned, navigator });
  }
}
