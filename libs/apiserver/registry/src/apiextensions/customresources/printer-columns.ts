import type { KubeObject } from '@drydock/util';
import type { TableColumn } from '../../resource.types';
import { evaluateSimpleJsonPath, parseSimpleJsonPath } from './simple-json-path';
import { records, text } from '../../support/object-fields';
import { creationTimestampDescription, nameColumn, timestampSince } from '../../support/table-columns';

/** serveDefaultColumnsIfEmpty: a version without printer columns gets an Age column. */
function versionColumns(version: Record<string, unknown>): Record<string, unknown>[] {
  const columns = records(version.additionalPrinterColumns);
  return columns.length ? columns : [{ name: 'Age', type: 'date', description: creationTimestampDescription, jsonPath: '.metadata.creationTimestamp' }];
}

/** fmt.Fprint of a decoded JSON value, as kubectl's JSONPath printer writes non-string results. */
function goPrint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goPrint).join(' ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${goPrint(v)}`).join(' ')}]`;
  }
  return value === null ? '<nil>' : String(value);
}

/** cellForJSONValue: the cell of one column, null when the path selects nothing or the type does not fit. */
function cell(type: string, value: unknown, now: Date): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : goPrint(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? (Number.isNaN(Date.parse(value)) ? '<invalid>' : timestampSince(value, now)) : null;
    default:
      return null;
  }
}

/** The server-side table of a custom resource version (apiextensions tableconvertor). */
export function customResourceTable(version: Record<string, unknown>): { columns: TableColumn[]; row(object: KubeObject, ctx: { now: Date }): unknown[] } {
  const definitions = versionColumns(version);
  const paths = definitions.map((column) => {
    try {
      return parseSimpleJsonPath(text(column.jsonPath));
    } catch {
      return undefined;
    }
  });
  const columns: TableColumn[] = definitions.map((column) => ({
    name: text(column.name),
    type: text(column.type) as TableColumn['type'],
    format: text(column.format) as TableColumn['format'],
    description: text(column.description) || `Custom resource definition column (in JSONPath format): ${text(column.jsonPath)}`,
    priority: column.priority === 1 ? 1 : 0,
  }));
  const row = (object: KubeObject, ctx: { now: Date }) => [
    object.metadata.name,
    ...definitions.map((column, i) => (paths[i] ? cell(text(column.type), evaluateSimpleJsonPath(paths[i]!, object)[0], ctx.now) : null)),
  ];
  return { columns: [nameColumn, ...columns], row };
}
