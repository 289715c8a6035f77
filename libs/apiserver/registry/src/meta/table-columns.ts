import type { KubeObject } from '@drydock/util';
import type { TableColumn } from '../resource.types';

/** metav1.ObjectMeta{}.SwaggerDoc()["name"]. */
export const nameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"]. */
export const creationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** The Name column every printer starts with. */
export const nameColumn: TableColumn = { name: 'Name', type: 'string', format: 'name', description: nameDescription, priority: 0 };

/** The Age column (a string cell computed by the server). */
export const ageColumn: TableColumn = { name: 'Age', type: 'string', format: '', description: creationTimestampDescription, priority: 0 };

/** A string column; `wide` marks it priority 1 (only with `-o wide`). */
export function column(name: string, description: string, options: { type?: TableColumn['type']; wide?: boolean } = {}): TableColumn {
  return { name, type: options.type ?? 'string', format: '', description, priority: options.wide ? 1 : 0 };
}

/** The upstream default for kinds without a printer: Name and "Created At" (RFC3339, UTC, seconds). */
export const defaultTable = {
  columns: [nameColumn, { name: 'Created At', type: 'date', format: '', description: creationTimestampDescription, priority: 0 } as TableColumn],
  row(object: KubeObject): unknown[] {
    const created = object.metadata.creationTimestamp;
    const time = created ? Date.parse(created) : NaN;
    return [object.metadata.name ?? '', Number.isNaN(time) ? '0001-01-01T00:00:00Z' : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z')];
  },
};

/** labels.FormatLabels: sorted `k=v` pairs, "<none>" when empty. */
export function formatLabels(labels: unknown): string {
  if (!labels || typeof labels !== 'object') return '<none>';
  const pairs = Object.keys(labels as object).sort().map((k) => `${k}=${(labels as Record<string, string>)[k]}`);
  return pairs.length ? pairs.join(',') : '<none>';
}

/** layoutContainerCells: container names and images, comma-separated. */
export function containerCells(containers: unknown): [string, string] {
  const list = Array.isArray(containers) ? (containers as Record<string, unknown>[]) : [];
  return [list.map((c) => String(c?.name ?? '')).join(','), list.map((c) => String(c?.image ?? '')).join(',')];
}
