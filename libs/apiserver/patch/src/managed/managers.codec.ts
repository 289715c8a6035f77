import { ManagedFieldsEntry } from '@drydock/util';
import { FieldSet, fromFieldsV1, toFieldsV1 } from './field-set';

/** One manager's entry of metadata.managedFields, with its field set decoded. */
export interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  fields: FieldSet;
  /** The stored entry this manager was decoded from, while its fields are unchanged (stored again with the manager's time, not re-encoded). */
  encoded?: ManagedFieldsEntry;
}

/**
 * The identity of a manager, as upstream's BuildManagerIdentifier: the entry without fields and
 * time, and without apiVersion for appliers (an applier is one manager whatever version it uses).
 */
export function managerIdentifier(manager: Pick<Manager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const identity: Record<string, string> = { manager: manager.manager, operation: manager.operation };
  if (manager.operation === 'Update') identity.apiVersion = manager.apiVersion;
  if (manager.subresource) identity.subresource = manager.subresource;
  return JSON.stringify(identity);
}

/**
 * `stored`: the entries are the stored object's, written by encodeManagers, so a manager the write
 * leaves alone is stored again as it was instead of being encoded afresh.
 */
export function decodeManagers(entries: ManagedFieldsEntry[] | undefined, stored = false): Map<string, Manager> {
  const managers = new Map<string, Manager>();
  for (const entry of entries ?? []) {
    if (entry.operation !== 'Apply' && entry.operation !== 'Update') continue;
    const manager: Manager = {
      manager: entry.manager ?? '', operation: entry.operation, apiVersion: entry.apiVersion ?? '', time: entry.time, subresource: entry.subresource,
      fields: fromFieldsV1(entry.fieldsV1),
      encoded: stored ? entry : undefined,
    };
    const id = managerIdentifier(manager);
    const previous = managers.get(id);
    managers.set(id, previous ? { ...manager, fields: previous.fields.union(manager.fields), encoded: undefined } : manager);
  }
  return managers;
}

function encodeManager(manager: Manager): ManagedFieldsEntry {
  if (manager.encoded) return manager.encoded.time === manager.time ? { ...manager.encoded } : { ...manager.encoded, time: manager.time };
  const entry: ManagedFieldsEntry = { manager: manager.manager, operation: manager.operation, apiVersion: manager.apiVersion };
  if (manager.time) entry.time = manager.time;
  entry.fieldsType = 'FieldsV1';
  entry.fieldsV1 = toFieldsV1(manager.fields);
  if (manager.subresource) entry.subresource = manager.subresource;
  return entry;
}

function compareManagers(p: Manager, q: Manager): number {
  if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
  const seconds = (m: Manager) => (m.time ? Math.floor(Date.parse(m.time) / 1000) : 0);
  if (seconds(p) !== seconds(q)) return seconds(p) - seconds(q);
  for (const key of ['manager', 'apiVersion', 'subresource'] as const) {
    const a = p[key] ?? '';
    const b = q[key] ?? '';
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

/** Encodes managers without empty field sets, in upstream's order (Apply first, then by time, manager, version). */
export function encodeManagers(managers: Iterable<Manager>): ManagedFieldsEntry[] {
  return [...managers].filter((m) => m.fields.size > 0).sort(compareManagers).map(encodeManager);
}

