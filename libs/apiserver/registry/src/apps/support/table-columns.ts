import type { TableColumn } from '../../resource.types';
import { list, record, text } from './object-fields';

export { age, humanDuration, timestampSince } from '../../meta/human-duration';
export { ageColumn, nameColumn } from '../../meta/table-columns';

/** A column of upstream's printers.go; priority 1 columns appear only with `-o wide`. */
export function column(name: string, type: TableColumn['type'], description: string, priority: 0 | 1 = 0): TableColumn {
  return { name, type, format: '', description, priority };
}

export const containersColumn: TableColumn = column('Containers', 'string', 'Names of each container in the template.', 1);
export const imagesColumn: TableColumn = column('Images', 'string', 'Images referenced by each container in the template.', 1);

/** layoutContainerCells: comma-joined container names and images of a pod spec. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = list(record(podSpec).containers).map(record);
  return [containers.map((c) => text(c.name)).join(','), containers.map((c) => text(c.image)).join(',')];
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
