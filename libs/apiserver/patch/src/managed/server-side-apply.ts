import { kubeTime } from '@drydock/kube';
import { isPlainObject, KubeObject, ManagedFieldsEntry, StatusError } from '@drydock/util';
import { FieldSet } from './field-set';
import { deepEqual } from './list-items';
import { decodeManagers, encodeManagers, Manager, managerIdentifier } from './managers.codec';
import { applyConflictError } from './conflict.error';
import { conflictsAllowedByLastApplied, lastAppliedManager, syncLastApplied } from './last-applied';
import { findConflicts, OwnershipContext, OwnershipOptions, transferOwnership, withoutManagedFields } from './ownership';
import { removeDisowned } from './prune';
import { mergeApplied } from './typed-merge';
import { Comparison, compareValues, toFieldSet } from './typed-walk';
import { cloneJson } from '../json-clone';

export interface ServerSideApplyRequest extends OwnershipOptions {
  /** The stored object, or null when the apply creates it. */
  live: KubeObject | null;
  /** The applied configuration (the decoded body of application/apply-patch+yaml). */
  applied: Record<string, unknown>;
  /** The `fieldManager` query parameter (required for apply). */
  manager: string;
  /** The `force` query parameter: take over conflicting fields instead of answering 409. */
  force: boolean;
  now: Date;
}

export interface ManagedResult {
  /** The object to store, with metadata.managedFields set (absent when nobody owns anything). */
  object: KubeObject;
  managedFields: ManagedFieldsEntry[];
}

/** upstream's checks of an apply body (fieldmanager's structuredMergeManager.Apply). */
function validateApplied(request: ServerSideApplyRequest): void {
  if (!isPlainObject(request.applied)) throw StatusError.badRequest('error decoding YAML: the apply patch must be an object');
  const metadata = request.applied.metadata;
  if (isPlainObject(metadata) && metadata.managedFields != null) throw StatusError.badRequest('metadata.managedFields must be nil');
  if (request.applied.apiVersion !== request.apiVersion) {
    throw StatusError.badRequest(`Incorrect version specified in apply patch. Specified patch version: ${String(request.applied.apiVersion ?? '')}, expected: ${request.apiVersion}`);
  }
}

/** `default/web; apps/v1, Kind=Deployment`, as upstream names the object in typed-conversion errors. */
function objectIdentity(applied: Record<string, unknown>): string {
  const metadata = (isPlainObject(applied.metadata) ? applied.metadata : {}) as { name?: string; namespace?: string };
  const apiVersion = String(applied.apiVersion ?? '');
  const groupVersion = apiVersion.includes('/') ? apiVersion : `/${apiVersion}`;
  return `${metadata.namespace ?? ''}/${metadata.name ?? ''}; ${groupVersion}, Kind=${String(applied.kind ?? '')}`;
}

/** The applier's field set; an applied list-map item without its key is a 422 naming the object. */
function appliedFields(request: ServerSideApplyRequest, context: OwnershipContext): FieldSet {
  try {
    return context.ownable(toFieldSet(request.applied, context.node, context.navigator));
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    const message = error.message.replace('failed to create typed patch object:', `failed to create typed patch object (${objectIdentity(request.applied)}):`);
    throw new StatusError(error.code, error.reason, message, error.details);
  }
}

/**
 * Managers of the live object. An object nobody manages yet is first handed to `before-first-apply`
 * by an Update from the empty object, as upstream's skipNonAppliedManager does.
 */
function liveManagers(live: KubeObject | undefined, request: ServerSideApplyRequest, context: OwnershipContext): Map<string, Manager> {
  const managers = decodeManagers(request.live?.metadata?.managedFields);
  if (live && managers.size === 0) {
    const comparison = context.ownableComparison(compareValues({}, live, context.node, context.navigator));
    const fields = comparison.added.union(comparison.modified);
    const owner: Manager = { manager: 'before-first-apply', operation: 'Update', apiVersion: request.apiVersion, time: kubeTime(request.now), fields };
    managers.set(managerIdentifier(owner), owner);
  }
  return managers;
}

function ownedByAnyone(managers: Map<string, Manager>): FieldSet {
  return [...managers.values()].reduce((all, manager) => all.union(manager.fields), new FieldSet());
}

/** 409 unless every conflict is one kubectl may take over from its own client-side apply. */
function rejectConflicts(managers: Map<string, Manager>, comparison: Comparison, id: string, live: KubeObject | undefined, request: ServerSideApplyRequest, context: OwnershipContext): void {
  let conflicts = findConflicts(managers, comparison, id);
  if (conflicts.length > 0 && request.manager === lastAppliedManager) {
    const allowed = conflictsAllowedByLastApplied(live, context);
    conflicts = conflicts.filter((conflict) => !allowed.has(conflict.path));
  }
  if (conflicts.length > 0) throw applyConflictError(conflicts);
}

/**
 * Server-side apply (structured-merge-diff's Updater.Apply): merges the applied configuration into
 * the live object by the schema, makes `manager` own exactly the fields it applied, removes the
 * fields it applied last time and nobody owns now, and answers 409 Conflict when the apply changes
 * a value another manager owns, unless `force` moves the ownership. Inputs are not modified.
 */
export function applyServerSide(request: ServerSideApplyRequest): ManagedResult {
  validateApplied(request);
  const context = new OwnershipContext(request, request.applied);
  const live = request.live ? withoutManagedFields(request.live) : undefined;
  const managers = liveManagers(live, request, context);
  const id = managerIdentifier({ manager: request.manager, operation: 'Apply', apiVersion: request.apiVersion, subresource: request.subresource });
  const previous = managers.get(id);
  const applied = appliedFields(request, context);
  const applier: Manager = { manager: request.manager, operation: 'Apply', apiVersion: request.apiVersion, subresource: request.subresource, time: previous?.time, fields: applied };
  managers.set(id, applier);
  const merged = cloneJson(mergeApplied(live ?? {}, request.applied, context.node, context.navigator)) as KubeObject;
  if (previous) {
    const owned = ownedByAnyone(managers);
    removeDisowned(merged, previous.fields.difference(owned), owned, context.node, context.navigator);
  }
  const comparison = context.ownableComparison(compareValues(live ?? {}, merged, context.node, context.navigator));
  if (!request.force) rejectConflicts(managers, comparison, id, live, request, context);
  transferOwnership(managers, comparison, id);
  // As upstream's managedFieldsUpdater: the time moves only when the object changes.
  if (!deepEqual(live, merged)) applier.time = kubeTime(request.now);
  if (request.manager === lastAppliedManager) syncLastApplied(merged, request.applied);
  return withManagedFields(merged, encodeManagers(managers.values()));
}

function withManagedFields(object: KubeObject, managedFields: ManagedFieldsEntry[]): ManagedResult {
  object.metadata = { ...(object.metadata ?? {}) };
  if (managedFields.length > 0) object.metadata.managedFields = managedFields;
  else delete object.metadata.managedFields;
  return { object, managedFields };
}
