import type { KubeObject } from '@drydock/util';
import { StatusError, deepCopy } from '@drydock/util';
import { ObjectKey, ObjectStore, StoreError } from '@drydock/storage';
import { ResourceDefinition, apiVersionOf, qualifiedResource } from '@drydock/registry';
import type { Admission, AdmissionRequest } from '../pipeline/admission';
import type { DeleteOptions } from './delete-options';
import { checkDeletePreconditions, markForDeletion } from './deletion';
import type { WatchSource } from '../watch/watch-source';
import { parseWatchParams } from '../watch/watch-params';
import type { WatchRequest } from '../watch/watch-stream';
import { parseSelection } from './selection';
import { ListPage, listObjects } from './list.handler';
import { recordManagedFields } from './managed-fields';
import { checkUnknownFields } from './unknown-fields';
import { generateName, jsonEqual, revisionOf } from './object-meta';
import type { WriteParams } from './request-context';
import { defaultForCreate, defaultForUpdate, prepareForCreate, prepareForUpdate, validateForCreate, validateForUpdate } from './write-stages';

export interface WriteResult {
  object: KubeObject;
  warnings: string[];
}

export interface DeleteResult {
  object: KubeObject;
  /** false when the object stays (finalizers, a grace period, its kind's own finalization). */
  deleted: boolean;
}

/** Where an object of a definition lives in the store. */
export function objectKey(def: ResourceDefinition, cluster: string, namespace: string, name: string): ObjectKey {
  return { cluster, resource: qualifiedResource(def), namespace: def.namespaced ? namespace : '', name };
}

export function groupResource(def: ResourceDefinition): { group: string; resource: string } {
  return { group: def.group, resource: def.resource };
}

/** Maps a store failure to the Kubernetes error for this resource and name. */
export function storeFailure(def: ResourceDefinition, name: string, error: unknown): unknown {
  if (!(error instanceof StoreError)) return error;
  switch (error.code) {
    case 'NotFound':
      return StatusError.notFound(groupResource(def), name);
    case 'AlreadyExists':
      return StatusError.alreadyExists(groupResource(def), name);
    case 'Conflict':
      return StatusError.conflict(groupResource(def), name);
    case 'Unstorable':
      return StatusError.badRequest(error.message);
    case 'TooLarge':
      return StatusError.unknown(error.message);
    default:
      return StatusError.expired(error.message);
  }
}

const maxUpdateRetries = 16;

export interface UpdateOptions {
  subresource?: string;
  createIfMissing?: boolean;
  operation?: 'Update' | 'Apply';
  /** `mutate` never writes into the object it is given: it is given the watch cache's object itself, not a copy. */
  mutateReadsOnly?: boolean;
  /**
   * `mutate` returns an object of its own, sharing no part with what it was given (a json, merge or strategic
   * patch: each works on its own copy), which the write's stages may then change without copying it first.
   */
  ownResult?: boolean;
}

/**
 * Upstream's create, update and (not apply) patch handlers: when the store refused the object as too
 * large, its managedFields (which can be large) are dropped and the write is tried once more. True when
 * they were dropped (try again); false when there is nothing to drop, the write was an apply, or it failed
 * otherwise. Mutates `object`.
 */
function droppedManagedFieldsOfTooLarge(error: unknown, object: KubeObject, operation: 'Update' | 'Apply'): boolean {
  if (!(error instanceof StoreError) || error.code !== 'TooLarge' || operation === 'Apply' || !object.metadata.managedFields) return false;
  delete object.metadata.managedFields;
  return true;
}

/**
 * The generic store (upstream's registry/generic/registry.Store): every verb of every resource goes
 * through it, and it owns the order of a write:
 *   decode → defaults → managedFields → mutating admission → prepare → validate → validating admission → persist.
 * Strategies stay pure; admission plugins are the only stages that read other objects.
 */
export class GenericStore {
  /** `cache`: the process's watch cache, which serves lists where upstream's cacher does (listFromCache). */
  constructor(
    private readonly store: ObjectStore,
    private readonly admission: Admission,
    private readonly cache?: WatchSource,
  ) {}

  async get(def: ResourceDefinition, cluster: string, namespace: string, name: string): Promise<KubeObject> {
    const object = await this.store.get(objectKey(def, cluster, namespace, name));
    if (!object) throw StatusError.notFound(groupResource(def), name);
    return withTypeMeta(def, object);
  }

  /** LIST with the request's selectors, limit and continue token. */
  list(def: ResourceDefinition, cluster: string, namespace: string, query: URLSearchParams): Promise<ListPage> {
    return listObjects(this.store, def, cluster, namespace, query, this.cache);
  }

  /**
   * WATCH: the watch cache, the collection and the request's selectors and parameters (upstream's
   * Store.Watch hands back the cacher's watcher; the handler streams it).
   */
  watch(def: ResourceDefinition, cluster: string, namespace: string, query: URLSearchParams): { source: WatchSource; request: Omit<WatchRequest, 'table'> } {
    if (!this.cache) throw StatusError.internal('this store has no watch cache');
    const collection = { cluster, resource: qualifiedResource(def), namespace: def.namespaced && namespace ? namespace : undefined };
    return { source: this.cache, request: { def, collection, selection: parseSelection(def, query), params: parseWatchParams(query), latestRevision: () => this.store.currentRevision() } };
  }

  /** `operation: 'Apply'` means managedFields were already computed by server-side apply. */
  async create(def: ResourceDefinition, cluster: string, namespace: string, body: KubeObject, params: WriteParams, operation: 'Update' | 'Apply' = 'Update'): Promise<WriteResult> {
    const warnings = checkUnknownFields(def, body, params.fieldValidation);
    const now = new Date();
    const object = defaultForCreate(def, namespace, body, now);
    if (operation === 'Update') recordManagedFields(def, null, object, params.fieldManager, 'Update');
    const request: AdmissionRequest = { operation: 'CREATE', def, cluster, object, old: null, dryRun: params.dryRun };
    await this.admission.admit(request);
    prepareForCreate(def, object, now);
    validateForCreate(def, object);
    await this.admission.validate(request);
    if (params.dryRun) {
      // A dry run answers as the real create would, AlreadyExists included.
      if (await this.store.get(objectKey(def, cluster, object.metadata.namespace ?? '', object.metadata.name!))) throw StatusError.alreadyExists(groupResource(def), object.metadata.name!);
      return { object: withTypeMeta(def, object), warnings };
    }
    return { object: await this.persistCreate(def, cluster, object, Boolean(body.metadata?.generateName && !body.metadata?.name), operation), warnings };
  }

  private async persistCreate(def: ResourceDefinition, cluster: string, object: KubeObject, generated: boolean, operation: 'Update' | 'Apply'): Promise<KubeObject> {
    for (let attempt = 0; ; attempt++) {
      try {
        const stored = await this.store.create(objectKey(def, cluster, object.metadata.namespace ?? '', object.metadata.name!), object);
        return withTypeMeta(def, stored);
      } catch (error) {
        // RetryGenerateName: upstream retries a generated name up to 8 times in all.
        if (generated && error instanceof StoreError && error.code === 'AlreadyExists' && attempt < 7) {
          object.metadata.name = generateName(object.metadata.generateName!);
          continue;
        }
        if (droppedManagedFieldsOfTooLarge(error, object, operation)) continue;
        throw storeFailure(def, object.metadata.name!, error);
      }
    }
  }

  /**
   * Read-modify-write with retries: `mutate` gets the current object (null when missing) and returns
   * the desired one. When the caller pinned a resourceVersion (in the body), a moved object is a 409;
   * otherwise the update is retried on the fresh object (upstream's GuaranteedUpdate).
   */
  async update(
    def: ResourceDefinition,
    cluster: string,
    namespace: string,
    name: string,
    params: WriteParams,
    mutate: (current: KubeObject | null) => KubeObject | Promise<KubeObject>,
    options: UpdateOptions = {},
  ): Promise<WriteResult & { created: boolean }> {
    const key = objectKey(def, cluster, namespace, name);
    for (let attempt = 0; attempt < maxUpdateRetries; attempt++) {
      // As upstream's GuaranteedUpdate with the cacher's cachedExistingObject: the first attempt starts
      // from the watch cache's copy (no read from the store). The write is preconditioned on its
      // revision, so a stale copy only costs a Conflict; and anything a stale copy could decide wrongly
      // (an error, a pinned resourceVersion that does not match, a no-op) is decided again on a fresh read.
      // `current` is the cache's own object, not a copy: every stage below only reads it (the spec freezes
      // it to prove so), and `mutate` gets a copy of its own.
      const cached = attempt === 0 ? this.cache?.cached?.(key) : undefined;
      const current = cached ?? (await this.store.get(key));
      if (!current && !options.createIfMissing) throw StatusError.notFound(groupResource(def), name);
      let result: (WriteResult & { unchanged?: boolean }) | undefined;
      let pinned: number | undefined;
      try {
        const desired = await mutate(current ? withTypeMeta(def, options.mutateReadsOnly ? current : deepCopy(current)) : null);
        if (!current) {
          const created = await this.create(def, cluster, namespace, desired, params, options.operation);
          return { ...created, created: true };
        }
        pinned = revisionOf(desired);
        if (pinned !== undefined && pinned !== revisionOf(current)) {
          if (cached) continue;
          throw StatusError.conflict(groupResource(def), name);
        }
        result = await this.tryUpdate(def, cluster, current, desired, params, options);
      } catch (error) {
        if (cached) continue;
        throw error;
      }
      if (result?.unchanged && cached) continue;
      if (result) return { object: result.object, warnings: result.warnings, created: false };
      if (pinned !== undefined) throw StatusError.conflict(groupResource(def), name);
    }
    throw StatusError.conflict(groupResource(def), name, 'too many concurrent updates; please try again');
  }

  /** One optimistic attempt; returns undefined when the object moved underneath (retry). */
  private async tryUpdate(def: ResourceDefinition, cluster: string, current: KubeObject, desired: KubeObject, params: WriteParams, options: UpdateOptions): Promise<(WriteResult & { unchanged?: boolean }) | undefined> {
    const warnings = checkUnknownFields(def, desired, params.fieldValidation);
    const name = current.metadata.name!;
    if (desired.metadata?.name && desired.metadata.name !== name) {
      throw StatusError.badRequest(`the name of the object (${desired.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (desired.metadata?.uid && desired.metadata.uid !== current.metadata.uid) {
      throw StatusError.conflict(groupResource(def), name, `Precondition failed: UID in precondition: ${desired.metadata.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    const { subresource } = options;
    const object = defaultForUpdate(def, current, options.ownResult ? desired : deepCopy(desired), subresource);
    if (options.operation !== 'Apply') recordManagedFields(def, current, object, params.fieldManager, 'Update', subresource);
    const request: AdmissionRequest = { operation: 'UPDATE', def, cluster, object, old: current, subresource, dryRun: params.dryRun };
    await this.admission.admit(request);
    prepareForUpdate(def, object, current, new Date(), subresource);
    validateForUpdate(def, object, current, subresource);
    if (jsonEqual(withoutManagedFields(object), withoutManagedFields(current))) return { object: withTypeMeta(def, current), warnings, unchanged: true };
    await this.admission.validate(request);
    if (params.dryRun) return { object: withTypeMeta(def, object), warnings };
    return this.persistUpdate(def, cluster, current, object, warnings, options.operation ?? 'Update');
  }

  private async persistUpdate(def: ResourceDefinition, cluster: string, current: KubeObject, object: KubeObject, warnings: string[], operation: 'Update' | 'Apply'): Promise<WriteResult | undefined> {
    const key = objectKey(def, cluster, current.metadata.namespace ?? '', current.metadata.name!);
    const expectedRevision = revisionOf(current);
    for (;;) {
      try {
        if (shouldDeleteDuringUpdate(def, object, current)) {
          // As upstream's deleteWithoutFinalizers: the answer is the object of the request, not the removed one.
          await this.store.delete(key, { expectedRevision });
          return { object: withTypeMeta(def, object), warnings };
        }
        return { object: withTypeMeta(def, await this.store.update(key, object, { expectedRevision })), warnings };
      } catch (error) {
        if (error instanceof StoreError && error.code === 'Conflict') return undefined;
        if (droppedManagedFieldsOfTooLarge(error, object, operation)) continue;
        throw storeFailure(def, key.name, error);
      }
    }
  }

  /**
   * DELETE: preconditions, validating admission, then mark (finalizers, grace period, the kind's own
   * finalization; see `markForDeletion`) or remove; retried on conflicts as upstream's GuaranteedUpdate.
   */
  async delete(def: ResourceDefinition, cluster: string, namespace: string, name: string, options: DeleteOptions): Promise<DeleteResult> {
    const key = objectKey(def, cluster, namespace, name);
    for (let attempt = 0; attempt < maxUpdateRetries; attempt++) {
      // The first attempt starts from the watch cache's copy, as update() does: a stale copy costs a
      // Conflict, and an error, a dry run or a no-op it led to is decided again on a fresh read. As in
      // update(), `current` is only read (markForDeletion marks a copy).
      const cached = attempt === 0 ? this.cache?.cached?.(key) : undefined;
      const current = cached ?? (await this.store.get(key));
      if (!current) throw StatusError.notFound(groupResource(def), name);
      let result: DeleteResult | undefined;
      try {
        checkDeletePreconditions(def, current, options);
        // Upstream's deleteValidation: only validating admission sees a DELETE of the stored object.
        await this.admission.validate({ operation: 'DELETE', def, cluster, object: current, old: current });
        const marked = markForDeletion(def, current, options);
        if (options.dryRun) {
          if (cached) continue;
          return { object: withTypeMeta(def, marked ?? current), deleted: !marked };
        }
        const unchanged = marked !== undefined && jsonEqual(marked, current);
        if (cached && unchanged) continue;
        result = await this.persistDelete(def, key, current, marked, unchanged);
      } catch (error) {
        if (cached) continue;
        throw error;
      }
      if (result) return result;
    }
    throw StatusError.conflict(groupResource(def), name, 'too many concurrent updates; please try again');
  }

  /** Writes a mark or removes the object; undefined when it moved underneath (retry). */
  private async persistDelete(def: ResourceDefinition, key: ObjectKey, current: KubeObject, marked: KubeObject | undefined, unchanged: boolean): Promise<DeleteResult | undefined> {
    const expectedRevision = revisionOf(current);
    try {
      if (!marked) return { object: withTypeMeta(def, await this.store.delete(key, { expectedRevision })), deleted: true };
      if (unchanged) return { object: withTypeMeta(def, current), deleted: false };
      return { object: withTypeMeta(def, await this.store.update(key, marked, { expectedRevision })), deleted: false };
    } catch (error) {
      const mapped = storeFailure(def, key.name, error);
      if (mapped instanceof StatusError && mapped.reason === 'Conflict') return undefined;
      throw mapped;
    }
  }

  /** DELETE of a collection: every object the selectors match (limit and continue ignored), one by one. */
  async deleteCollection(def: ResourceDefinition, cluster: string, namespace: string, query: URLSearchParams, options: DeleteOptions): Promise<ListPage> {
    const listQuery = new URLSearchParams(query);
    listQuery.delete('limit');
    listQuery.delete('continue');
    const page = await this.list(def, cluster, namespace, listQuery);
    const deleted: KubeObject[] = [];
    for (const object of page.items) {
      try {
        deleted.push((await this.delete(def, cluster, object.metadata.namespace ?? '', object.metadata.name!, options)).object);
      } catch (error) {
        if (!(error instanceof StatusError && error.code === 404)) throw error;
      }
    }
    return { items: deleted, resourceVersion: page.resourceVersion };
  }
}

/**
 * Upstream's ShouldDeleteDuringUpdate: an object being deleted whose last finalizer went away is
 * removed for good, unless its grace period still runs (a terminating pod's status updates keep it)
 * or its kind still finalizes it (a namespace with spec.finalizers, as upstream's namespace storage).
 */
function shouldDeleteDuringUpdate(def: ResourceDefinition, object: KubeObject, current: KubeObject): boolean {
  if (object.metadata.finalizers?.length || !current.metadata.deletionTimestamp) return false;
  if (current.metadata.deletionGracePeriodSeconds) return false;
  return !def.strategy.deletion?.awaitsFinalization?.(object);
}

/** A no-op write (only managedFields timestamps differ) is not written, as upstream. */
function withoutManagedFields(object: KubeObject): KubeObject {
  return { ...object, metadata: { ...object.metadata, managedFields: undefined } };
}

/** Objects leave the store without apiVersion/kind guarantees; responses always carry them. */
export function withTypeMeta(def: ResourceDefinition, object: KubeObject): KubeObject {
  if (object.apiVersion && object.kind) return object;
  return { apiVersion: apiVersionOf(def), kind: def.kind, ...object };
}
