/**
 * The subset of kubectl JSONPath that CRD printer columns and selectable fields use: `.a.b`,
 * `['a.b']`, `[0]`, `[*]` and `[?(@.type=="Ready")]`. Evaluation returns every match in order.
 */
type Step = { field: string } | { index: number } | { all: true } | { filter: { path: string[]; value: string } };

export class JsonPathError extends Error {}

function parseBracket(path: string, start: number): [Step, number] {
  const end = path.indexOf(']', start);
  if (end < 0) throw new JsonPathError(`unterminated array notation in ${path}`);
  const inner = path.slice(start + 1, end).trim();
  const filter = /^\?\(@((?:\.[A-Za-z0-9_-]+)+)\s*==\s*["']([^"']*)["']\)$/.exec(inner);
  if (filter) return [{ filter: { path: filter[1].slice(1).split('.'), value: filter[2] } }, end + 1];
  if (inner === '*') return [{ all: true }, end + 1];
  if (/^-?\d+$/.test(inner)) return [{ index: Number(inner) }, end + 1];
  const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(inner);
  if (quoted) return [{ field: quoted[1] ?? quoted[2] }, end + 1];
  throw new JsonPathError(`unsupported array notation [${inner}] in ${path}`);
}

/** Parses a path such as `.status.conditions[?(@.type=="Ready")].status` (braces `{...}` optional). */
export function parseSimpleJsonPath(expression: string): Step[] {
  const path = expression.trim().replace(/^\{(.*)\}$/, '$1');
  if (!path.startsWith('.') && !path.startsWith('[')) throw new JsonPathError(`must start with a '.' or '[': ${expression}`);
  const steps: Step[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === '[') {
      const [step, next] = parseBracket(path, i);
      steps.push(step);
      i = next;
    } else if (path[i] === '.') {
      const match = /^\.((?:\\.|[A-Za-z0-9_\-/])+)/.exec(path.slice(i));
      if (!match) throw new JsonPathError(`invalid field name after '.' in ${expression}`);
      steps.push({ field: match[1].replace(/\\(.)/g, '$1') });
      i += match[0].length;
    } else {
      throw new JsonPathError(`unexpected character ${JSON.stringify(path[i])} in ${expression}`);
    }
  }
  return steps;
}

function child(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

function apply(values: unknown[], step: Step): unknown[] {
  if ('field' in step) return values.map((v) => child(v, step.field)).filter((v) => v !== undefined);
  const arrays = values.filter(Array.isArray) as unknown[][];
  if ('index' in step) return arrays.map((a) => a[step.index < 0 ? a.length + step.index : step.index]).filter((v) => v !== undefined);
  if ('all' in step) return arrays.flat();
  const { path, value } = step.filter;
  return arrays.flat().filter((item) => String(path.reduce<unknown>((v, key) => child(v, key), item)) === value);
}

/** All values the path selects in `object`. */
export function evaluateSimpleJsonPath(steps: Step[], object: unknown): unknown[] {
  return steps.reduce<unknown[]>((values, step) => apply(values, step), [object]);
}
