import type { KubeObject } from '@drydock/util';
import type { TableColumn } from '../../resource.types';
import { list, record, text } from './object-fields';

const nameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const creationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** A column of upstream's printers.go; priority 1 columns appear only with `-o wide`. */
export function column(name: string, type: TableColumn['type'], description: string, priority: 0 | 1 = 0): TableColumn {
  return { name, type, format: '', description, priority };
}

export const nameColumn: TableColumn = { name: 'Name', type: 'string', format: 'name', description: nameDescription, priority: 0 };
export const ageColumn: TableColumn = column('Age', 'string', creationTimestampDescription);
export const containersColumn: TableColumn = column('Containers', 'string', 'Names of each container in the template.', 1);
export const imagesColumn: TableColumn = column('Images', 'string', 'Images referenced by each container in the template.', 1);

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.trunc(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${hours / 24}d` : `${Math.trunc(hours / 24)}d${hours % 24}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 365 * 2) return `${days}d`;
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.trunc(days / 365)}y` : `${Math.trunc(days / 365)}y${days % 365}d`;
  return `${Math.trunc(days / 365)}y`;
}

/** translateTimestampSince: `<unknown>` for a missing timestamp. */
export function timestampSince(timestamp: unknown, now: Date): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? '<unknown>' : humanDuration(now.getTime() - time);
}

/** The AGE cell of an object. */
export function age(object: KubeObject, now: Date): string {
  return timestampSince(object.metadata.creationTimestamp, now);
}

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
