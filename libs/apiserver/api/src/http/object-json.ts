import type { KubeObject } from '@drydock/util';

/**
 * The JSON of an object from the watch cache, encoded once however many lists and watch events carry
 * it (upstream's cachingObject keeps its serializations the same way). Cache objects are never
 * mutated, so the text stays true for the object's life; other objects just pass through.
 */
const encoded = new WeakMap<object, string>();

export function objectJson(object: KubeObject): string {
  let text = encoded.get(object);
  if (text === undefined) encoded.set(object, (text = JSON.stringify(object)));
  return text;
}

/** `JSON.stringify(list)` for a list body whose last property is `items`, reusing each item's encoding. */
export function listJson(list: { items: KubeObject[] } & Record<string, unknown>): string {
  const { items, ...head } = list;
  const start = JSON.stringify(head);
  const parts = items.map(objectJson);
  return `${start.slice(0, -1)}${start.length > 2 ? ',' : ''}"items":[${parts.join(',')}]}`;
}
