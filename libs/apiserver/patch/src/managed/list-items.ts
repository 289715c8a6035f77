import { isDeepStrictEqual } from 'node:util';
import { isPlainObject, StatusError } from '@drydock/util';
import { ListSemantics } from '../schema/type-node';
import { FieldPath, indexElement, keyElement, PathElement, pathString, valueElement } from './field-path';

/**
 * The path element naming one item of a list: its key fields for list-maps (with the key's default
 * for an omitted key, as protocol "TCP" of ports), its value for sets, its index for atomic lists.
 * An item of a list-map without a key field and no default is a 422 like upstream's typed decoding
 * when `strict` (applied configurations); stored objects are read leniently, naming such items by index.
 */
export function listItemElement(item: unknown, index: number, semantics: ListSemantics, listPath: FieldPath, strict = true): PathElement {
  try {
    return itemElement(item, index, semantics, listPath);
  } catch (error) {
    if (strict) throw error;
    return indexElement(index);
  }
}

function itemElement(item: unknown, index: number, semantics: ListSemantics, listPath: FieldPath): PathElement {
  if (semantics.type === 'set') return valueElement(item);
  if (semantics.type === 'atomic') return indexElement(index);
  if (!isPlainObject(item)) throw invalidList(listPath, index, 'associative list with keys has an element that is not a map');
  const fields: Record<string, unknown> = {};
  for (const key of semantics.keys) {
    const value = key in item ? item[key] : semantics.keyDefaults[key];
    if (value === undefined) {
      throw invalidList(listPath, index, `associative list with keys has an element that omits key field ${JSON.stringify(key)} (and doesn't have default value)`);
    }
    fields[key] = value;
  }
  return keyElement(fields);
}

function invalidList(listPath: FieldPath, index: number, detail: string): StatusError {
  return typedPatchError(listPath, `element ${index}: ${detail}`);
}

/** An applied configuration that does not fit the schema (upstream's typed conversion error). */
export function typedPatchError(path: FieldPath, detail: string): StatusError {
  return new StatusError(422, 'Invalid', `failed to create typed patch object: ${pathString(path)}: ${detail}`);
}

/** The items of a keyed list with their elements; duplicates keep the first occurrence. */
export function indexItems(list: unknown[], semantics: ListSemantics, listPath: FieldPath, strict = true): Map<PathElement, unknown> {
  const byElement = new Map<PathElement, unknown>();
  list.forEach((item, index) => {
    const element = listItemElement(item, index, semantics, listPath, strict);
    if (!byElement.has(element)) byElement.set(element, item);
  });
  return byElement;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}
