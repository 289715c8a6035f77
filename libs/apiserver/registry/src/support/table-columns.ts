import { kubeTime } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import type { TableColumn } from '../resource.types';
import { records, text } from './object-fields';

export { age, humanDuration, timestampSince } from '../meta/human-duration';

/** metav1.ObjectMeta{}.SwaggerDoc()["name"]. */
export const nameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"]. */
export const creationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/**
 * A column of upstream's printers.go, its arguments in TableColumnDefinition's field order; priority 1
 * columns appear only with `-o wide`.
 */
export function column(name: string, type: TableColumn['type'], description: string, priority: 0 | 1 = 0): TableColumn {
  return { name, type, format: '', description, priority };
}

/** The Name column every printer starts with. */
export const nameColumn: TableColumn = { name: 'Name', type: 'string', format: 'name', description: nameDescription, priority: 0 };

/** The Age column (a string cell computed by the server). */
export const ageColumn: TableColumn = column('Age', 'string', creationTimestampDescription);

export const containersColumn: TableColumn = column('Containers', 'string', 'Names of each container in the template.', 1);
export const imagesColumn: TableColumn = column('Images', 'string', 'Images referenced by each container in the template.', 1);

/** The upstream default for kinds without a printer: Name and "Created At" (RFC3339, UTC, seconds). */
export const defaultTable = {
  columns: [nameColumn, column('Created At', 'date', creationTimestampDescription)],
  row(object: KubeObject): unknown[] {
    const created = object.metadata.creationTimestamp;
    const time = created ? Date.parse(created) : NaN;
    return [object.metadata.name ?? '', Number.isNaN(time) ? '0001-01-01T00:00:00Z' : kubeTime(time)];
  },
};

/** labels.FormatLabels: sorted `k=v` pairs, "<none>" when empty. */
export function formatLabels(labels: unknown): string {
  if (!labels || typeof labels !== 'object') return '<none>';
  const pairs = Object.keys(labels as object).sort().map((k) => `${k}=${(labels as Record<string, string>)[k]}`);
  return pairs.length ? pairs.join(',') : '<none>';
}

/** layoutContainerCells: comma-joined names and images of a container list. */
export function containerCells(containers: unknown): [string, string] {
  const entries = records(containers);
  return [entries.map((c) => text(c.name)).join(','), entries.map((c) => text(c.image)).join(',')];
}

/** printBoolPtr: True/False, `<unset>` when absent. */
export function boolCell(value: unknown): string {
  if (typeof value !== 'boolean') return '<unset>';
  return value ? 'True' : 'False';
}

/** An int32 cell: numbers print as themselves, a missing value as 0 (Go's zero value). */
export function intCell(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
