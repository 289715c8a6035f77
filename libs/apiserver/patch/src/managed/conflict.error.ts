import { StatusError } from '@drydock/util';
import { comparePaths, FieldPath, pathString } from './field-path';
import { Manager, managerIdentifier } from './managers.codec';

export interface FieldConflict {
  manager: Manager;
  path: FieldPath;
}

/** How upstream's printManager names a manager in conflict messages. */
export function describeManager(manager: Manager): string {
  let text = JSON.stringify(manager.manager);
  if (manager.subresource) text += ` with subresource ${JSON.stringify(manager.subresource)}`;
  if (manager.operation === 'Update') text += ` using ${manager.apiVersion}`;
  return text;
}

function conflictMessage(conflicts: FieldConflict[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${describeManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  const lines: string[] = [];
  let previous: string | undefined;
  for (const conflict of conflicts) {
    const id = managerIdentifier(conflict.manager);
    if (id !== previous) lines.push(`conflicts with ${describeManager(conflict.manager)}:`);
    lines.push(`- ${pathString(conflict.path)}`);
    previous = id;
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/**
 * The 409 of a server-side apply that would change fields other managers own (upstream's
 * NewConflictError): one cause per field, grouped by manager sorted by identity, paths in order.
 */
export function applyConflictError(conflicts: FieldConflict[]): StatusError {
  const sorted = [...conflicts].sort((a, b) => {
    const [ia, ib] = [managerIdentifier(a.manager), managerIdentifier(b.manager)];
    return ia !== ib ? (ia < ib ? -1 : 1) : comparePaths(a.path, b.path);
  });
  const causes = sorted.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${describeManager(c.manager)}`, field: pathString(c.path) }));
  return new StatusError(409, 'Conflict', conflictMessage(sorted), { causes });
}
