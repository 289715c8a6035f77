import { isPlainObject } from '@drydock/util';
import { compareElements, FieldPath } from './field-path';

/**
 * Elements never contain NUL (field names cannot, and JSON escapes it in `k:`/`v:` elements), so a
 * path is stored as its elements joined by NUL: the set is a plain Set<string>.
 */
const separator = '\u0000';
const keyOf = (path: FieldPath): string => path.join(separator);
const pathOf = (key: string): FieldPath => (key === '' ? [] : key.split(separator));

/** A set of field paths (structured-merge-diff's fieldpath.Set). */
export class FieldSet {
  private readonly keys: Set<string>;

  constructor(paths: Iterable<FieldPath> = []) {
    this.keys = new Set([...paths].map(keyOf));
  }

  private static ofKeys(keys: Iterable<string>): FieldSet {
    const set = new FieldSet();
    for (const key of keys) set.keys.add(key);
    return set;
  }

  get size(): number {
    return this.keys.size;
  }

  has(path: FieldPath): boolean {
    return this.keys.has(keyOf(path));
  }

  insert(path: FieldPath): void {
    this.keys.add(keyOf(path));
  }

  paths(): FieldPath[] {
    return [...this.keys].map(pathOf);
  }

  union(other: FieldSet): FieldSet {
    return FieldSet.ofKeys([...this.keys, ...other.keys]);
  }

  difference(other: FieldSet): FieldSet {
    return FieldSet.ofKeys([...this.keys].filter((key) => !other.keys.has(key)));
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.ofKeys([...this.keys].filter((key) => other.keys.has(key)));
  }

  /** Removes every path that starts with one of `prefixes` (upstream's RecursiveDifference). */
  withoutPrefixes(prefixes: FieldPath[]): FieldSet {
    if (prefixes.length === 0) return this;
    const keys = prefixes.map(keyOf);
    const descendants = keys.map(descendantPrefix);
    return FieldSet.ofKeys([...this.keys].filter((key) => !keys.includes(key) && !descendants.some((d) => d !== '' && key.startsWith(d))));
  }

  /** True when a path strictly below `path` is in the set. */
  hasDescendant(path: FieldPath): boolean {
    const own = keyOf(path);
    const prefix = descendantPrefix(own);
    for (const key of this.keys) if (key.length > own.length && key.startsWith(prefix)) return true;
    return false;
  }

  equals(other: FieldSet): boolean {
    return this.size === other.size && [...this.keys].every((key) => other.keys.has(key));
  }
}

/** The text every strict descendant's key starts with (any non-empty key for the root). */
function descendantPrefix(key: string): string {
  return key === '' ? '' : `${key}${separator}`;
}

interface TreeNode {
  member: boolean;
  children: Map<string, TreeNode>;
}

function emit(node: TreeNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (node.member && node.children.size > 0) out['.'] = {};
  for (const element of [...node.children.keys()].sort(compareElements)) out[element] = emit(node.children.get(element)!);
  return out;
}

/** Encodes a set as FieldsV1 JSON: `{"f:spec":{"f:replicas":{}}}`, with `".":{}` on members that have children. */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: TreeNode = { member: false, children: new Map() };
  for (const path of set.paths()) {
    let node = root;
    for (const element of path) {
      if (!node.children.has(element)) node.children.set(element, { member: false, children: new Map() });
      node = node.children.get(element)!;
    }
    node.member = true;
  }
  return emit(root);
}

/** Decodes FieldsV1 JSON into a set; anything that is not a FieldsV1 object is an empty set. */
export function fromFieldsV1(fields: unknown, prefix: FieldPath = [], into = new FieldSet()): FieldSet {
  if (!isPlainObject(fields)) return into;
  for (const [element, child] of Object.entries(fields)) {
    if (element === '.') {
      into.insert(prefix);
      continue;
    }
    const path = [...prefix, element];
    if (isPlainObject(child) && Object.keys(child).length === 0) into.insert(path);
    else fromFieldsV1(child, path, into);
  }
  return into;
}
