import { kubeTime } from '@drydock/kube';
import { KubeObject, ManagedFieldsEntry } from '@drydock/util';
import { FieldSet } from './field-set';
import { decodeManagers, encodeManagers, Manager, managerIdentifier } from './managers.codec';
import { OwnershipContext, OwnershipOptions, transferOwnership } from './ownership';
import { compareValues } from './typed-walk';

export interface RecordUpdateRequest extends OwnershipOptions {
  /** The stored object before the write, or null for a create. */
  old: KubeObject | null;
  /** The object about to be stored (after the patch or the PUT body, before managedFields). */
  updated: KubeObject;
  /** The `fieldManager` parameter, or upstream's default: the user agent's program name. */
  manager: string;
  now: Date;
  /** Always an Update; accepted for callers that spell it out. */
  operation?: 'Update';
}

/** A client that writes managedFields replaces them; `[{}]` clears them (upstream's documented reset). */
function baseEntries(request: RecordUpdateRequest): ManagedFieldsEntry[] | 'reset' {
  const written = request.updated.metadata?.managedFields;
  if (Array.isArray(written) && written.length === 1 && Object.keys(written[0] ?? {}).length === 0) return 'reset';
  if (Array.isArray(written) && written.length > 0 && !request.subresource) return written;
  return request.old?.metadata?.managedFields ?? [];
}

/**
 * Records an ordinary write (create, update, any non-apply patch) in metadata.managedFields, as
 * upstream's managedFieldsUpdater: the manager's Update entry gains every field the write added or
 * changed (and its time is bumped), every other manager loses those fields, and removed fields
 * leave every set. A write that changes nothing leaves managedFields as they were.
 * Returns the entries to store in `updated.metadata.managedFields`; an empty list means the field
 * must be removed (e.g. after the `[{}]` reset). Inputs are not modified.
 * Not done: upstream caps Update managers at 10 (`ancient-changes`); Drydock does not.
 */
export function recordUpdate(request: RecordUpdateRequest): ManagedFieldsEntry[] {
  const base = baseEntries(request);
  if (base === 'reset') return [];
  const updated = comparable(request.updated, request.resetFields);
  const context = new OwnershipContext(request, request.updated);
  const managers = decodeManagers(base, base === request.old?.metadata?.managedFields);
  const old = request.old ? comparable(request.old, request.resetFields) : {};
  const comparison = context.ownableComparison(compareValues(old, updated, context.node, context.navigator));
  const id = managerIdentifier({ manager: request.manager, operation: 'Update', apiVersion: request.apiVersion, subresource: request.subresource });
  // Read before transferOwnership, which replaces the writer's own set and forgets its entry when it loses a field.
  const storedFields = managers.get(id)?.fields;
  const storedEntry = managers.get(id)?.encoded;
  transferOwnership(managers, comparison);
  const changed = comparison.modified.union(comparison.added);
  if (changed.size > 0) {
    const previous = managers.get(id);
    const fields = (previous?.fields ?? new FieldSet()).union(changed);
    // A manager writing the fields it already owns (a Lease renewal, a heartbeat, a status written again)
    // keeps its stored fieldsV1: only its time moves.
    const encoded = storedEntry && storedFields!.equals(fields) ? storedEntry : undefined;
    const manager: Manager = { manager: request.manager, operation: 'Update', apiVersion: request.apiVersion, subresource: request.subresource, time: kubeTime(request.now), fields, encoded };
    managers.set(id, manager);
  }
  return encodeManagers(managers.values());
}

/**
 * What the comparison reads (it never writes): the object without managedFields and without the
 * top-level fields nobody may own through this endpoint (resetFields), whose changes ownable()
 * would discard anyway. Shallow: a status write does not walk, or copy, the spec.
 */
function comparable(object: KubeObject, resetFields: string[] | undefined): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  if (object.metadata) {
    const metadata = { ...object.metadata };
    delete metadata.managedFields;
    copy.metadata = metadata;
  }
  for (const field of resetFields ?? []) delete copy[field];
  return copy;
}
