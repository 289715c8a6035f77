/**
 * Field paths of structured-merge-diff, kept in their FieldsV1 spelling: a path is a list of
 * elements `f:<field>`, `k:<json of the key fields>`, `v:<json of a set value>` or `i:<index>`.
 * Using the serialized form as the element keeps sets cheap (strings) and the FieldsV1 codec trivial.
 */
export type PathElement = string;
export type FieldPath = PathElement[];

export const fieldElement = (name: string): PathElement => `f:${name}`;
export const valueElement = (value: unknown): PathElement => `v:${JSON.stringify(value)}`;
export const indexElement = (index: number): PathElement => `i:${index}`;

/** `k:{"containerPort":80,"protocol":"TCP"}`: key fields sorted by name, as upstream serializes them. */
export function keyElement(fields: Record<string, unknown>): PathElement {
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(fields).sort()) sorted[name] = fields[name];
  return `k:${JSON.stringify(sorted)}`;
}

/** One element as fieldpath.PathElement.String() prints it: `.spec`, `[name="nginx"]`, `[=x]`, `[0]`. */
export function elementString(element: PathElement): string {
  const body = element.slice(2);
  switch (element[0]) {
    case 'f':
      return `.${body}`;
    case 'k': {
      const fields = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.entries(fields).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(',')}]`;
    }
    case 'v':
      return `[=${body}]`;
    default:
      return `[${body}]`;
  }
}

/** A path as upstream prints it in conflicts: `.spec.template.spec.containers[name="nginx"].image`. */
export function pathString(path: FieldPath): string {
  return path.map(elementString).join('');
}

const elementRank: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** Upstream's PathElement order: fields, then keys, then values, then indexes; alike elements by content. */
export function compareElements(a: PathElement, b: PathElement): number {
  const rank = elementRank[a[0]] - elementRank[b[0]];
  if (rank !== 0) return rank;
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

export function comparePaths(a: FieldPath, b: FieldPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareElements(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
