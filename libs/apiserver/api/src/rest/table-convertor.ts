import type { KubeObject } from '@drydock/util';
import type { ResourceDefinition, TableColumn } from '@drydock/registry';
import { StatusError } from '@drydock/util';
import { defaultTable } from './registry-helpers';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function parseIncludeObject(value: string | null): IncludeObject {
  if (value === null || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'None' || value === 'Object') return value;
  throw StatusError.badRequest(`includeObject: Unsupported value: "${value}": supported values: "Metadata", "None", "Object"`);
}

function tableOf(def: ResourceDefinition): { columns: TableColumn[]; row(object: KubeObject, ctx: { now: Date }): unknown[]; order?(a: KubeObject, b: KubeObject): number } {
  return def.strategy.table ?? defaultTable;
}

function rowObject(def: ResourceDefinition, object: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

/** meta.k8s.io/v1 Table for a list (or one object); cells computed by the resource's strategy. */
export function toTable(
  def: ResourceDefinition,
  objects: KubeObject[],
  options: { include: IncludeObject; resourceVersion?: string; continueToken?: string; remainingItemCount?: number; noHeaders?: boolean; now?: Date },
): Record<string, unknown> {
  const table = tableOf(def);
  const now = options.now ?? new Date();
  const metadata: Record<string, unknown> = {};
  if (options.resourceVersion !== undefined) metadata.resourceVersion = options.resourceVersion;
  if (options.continueToken) metadata.continue = options.continueToken;
  if (options.remainingItemCount !== undefined) metadata.remainingItemCount = options.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: options.noHeaders ? null : table.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description, priority: c.priority })),
    rows: (table.order ? [...objects].sort(table.order) : objects).map((object) => {
      const row: Record<string, unknown> = { cells: table.row(object, { now }) };
      const embedded = rowObject(def, object, options.include);
      if (embedded !== undefined) row.object = embedded;
      return row;
    }),
  };
}
