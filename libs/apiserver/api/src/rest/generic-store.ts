import { randomUUID } from 'node:crypto';
import { FieldError, KubeObject, StatusError, deepCopy, isPlainObject } from '@drydock/util';
import { ObjectKey, ObjectStore, StoreError } from '@drydock/storage';
import { ResourceDefinition, apiVersionOf, qualifiedResource } from '@drydock/registry';
import { Admission } from '../pipeline/admission';
import { recordManagedFields } from './managed-fields';
import { checkUnknownFields } from './unknown-fields';
import { validateMeta, validateMetaUpdate } from './meta-validation';
import { generateName, jsonEqual, kubeTime, revisionOf } from './object-meta';
import type { WriteParams } from './request-context';

export interface WriteResult {
  object: KubeObject;
  warnings: string[];
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
    default:
      return StatusError.expired(error.message);
  }
}

const maxUpdateRetries = 16;

/**
 * The generic store: owns the lifecycle order of every write (decode checks → defaults → prepare →
 * validate → admission → persist), as upstream's registry/generic/registry.Store. Strategies stay pure.
 */
export class GenericStore {
  constructor(
    private readonly store: ObjectStore,
    private readonly admission: Admission,
  ) {}

  async get(def: ResourceDefinition, cluster: string, namespace: string, name: string): Promise<KubeObject> {
    const object = await this.store.get(objectKey(def, cluster, namespace, name));
    if (!object) throw StatusError.notFound(groupResource(def), name);
    return withTypeMeta(def, object);
  }

  /** `operation: 'Apply'` means managedFields were already computed by server-side apply. */
  async create(def: ResourceDefinition, cluster: string, namespace: string, body: KubeObject, params: WriteParams, operation: 'Update' | 'Apply' = 'Update'): Promise<WriteResult> {
    const warnings = checkUnknownFields(def, body, params.fieldValidation);
    const object = prepareForCreate(def, namespace, body, new Date());
    if (operation === 'Update') recordManagedFields(def, null, object, params.fieldManager, 'Update');
    this.validateCreate(def, object);
    await this.admission.admit({ operation: 'CREATE', def, cluster, object, old: null });
    if (params.dryRun) {
      // A dry run answers as the real create would, AlreadyExists included.
      if (await this.store.get(objectKey(def, cluster, object.metadata.namespace ?? '', object.metadata.name!))) throw StatusError.alreadyExists(groupResource(def), object.metadata.name!);
      return { object: withTypeMeta(def, object), warnings };
    }
    return { object: await this.persistCreate(def, cluster, object, Boolean(body.metadata?.generateName && !body.metadata?.name)), warnings };
  }

  private async persistCreate(def: ResourceDefinition, cluster: string, object: KubeObject, generated: boolean): Promise<KubeObject> {
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
        throw storeFailure(def, object.metadata.name!, error);
      }
    }
  }

  private validateCreate(def: ResourceDefinition, object: KubeObject): void {
    const errors: FieldError[] = [...validateMeta(def, object), ...def.strategy.validate(object)];
    if (errors.length) throw StatusError.invalid(def.group, def.kind, object.metadata.name ?? '', errors);
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
    options: { subresource?: string; createIfMissing?: boolean; operation?: 'Update' | 'Apply' } = {},
  ): Promise<WriteResult & { created: boolean }> {
    const key = objectKey(def, cluster, namespace, name);
    for (let attempt = 0; attempt < maxUpdateRetries; attempt++) {
      const current = await this.store.get(key);
      if (!current && !options.createIfMissing) throw StatusError.notFound(groupResource(def), name);
      const desired = await mutate(current ? withTypeMeta(def, deepCopy(current)) : null);
      if (!current) {
        const result = await this.create(def, cluster, namespace, desired, params, options.operation);
        return { ...result, created: true };
      }
      const pinned = revisionOf(desired);
      if (pinned !== undefined && pinned !== revisionOf(current)) throw StatusError.conflict(groupResource(def), name);
      const result = await this.tryUpdate(def, cluster, current, desired, params, options);
      if (result) return { ...result, created: false };
      if (pinned !== undefined) throw StatusError.conflict(groupResource(def), name);
    }
    throw StatusError.conflict(groupResource(def), name, 'too many concurrent updates; please try again');
  }

  /** One optimistic attempt; returns undefined when the object moved underneath (retry). */
  private async tryUpdate(def: ResourceDefinition, cluster: string, current: KubeObject, desired: KubeObject, params: WriteParams, options: { subresource?: string; operation?: 'Update' | 'Apply' }): Promise<WriteResult | undefined> {
    const warnings = checkUnknownFields(def, desired, params.fieldValidation);
    const name = current.metadata.name!;
    if (desired.metadata?.name && desired.metadata.name !== name) {
      throw StatusError.badRequest(`the name of the object (${desired.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (desired.metadata?.uid && desired.metadata.uid !== current.metadata.uid) {
      throw StatusError.conflict(groupResource(def), name, `Precondition failed: UID in precondition: ${desired.metadata.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    const object = this.prepareUpdate(def, current, desired, options.subresource);
    if (options.operation !== 'Apply') recordManagedFields(def, current, object, params.fieldManager, 'Update', options.subresource);
    if (jsonEqual(withoutManagedFields(object), withoutManagedFields(current))) return { object: withTypeMeta(def, current), warnings };
    await this.admission.admit({ operation: 'UPDATE', def, cluster, object, old: current });
    if (params.dryRun) return { object: withTypeMeta(def, object), warnings };
    return this.persistUpdate(def, cluster, current, object, warnings);
  }

  private async persistUpdate(def: ResourceDefinition, cluster: string, current: KubeObject, object: KubeObject, warnings: string[]): Promise<WriteResult | undefined> {
    const key = objectKey(def, cluster, current.metadata.namespace ?? '', current.metadata.name!);
    const expectedRevision = revisionOf(current);
    try {
      // An object being deleted whose last finalizer went away is removed for good.
      if (object.metadata.deletionTimestamp && !(object.metadata.finalizers?.length)) {
        return { object: withTypeMeta(def, await this.store.delete(key, { expectedRevision })), warnings };
      }
      return { object: withTypeMeta(def, await this.store.update(key, object, { expectedRevision })), warnings };
    } catch (error) {
      if (error instanceof StoreError && error.code === 'Conflict') return undefined;
      throw storeFailure(def, key.name, error);
    }
  }

  private prepareUpdate(def: ResourceDefinition, current: KubeObject, desired: KubeObject, subresource?: string): KubeObject {
    const object = deepCopy(desired);
    object.apiVersion = apiVersionOf(def);
    object.kind = def.kind;
    const meta = (object.metadata = isPlainObject(object.metadata) ? object.metadata : {});
    for (const field of ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'resourceVersion'] as const) {
      if (current.metadata[field] === undefined) delete meta[field];
      else (meta as Record<string, unknown>)[field] = current.metadata[field];
    }
    // Subresources other than status (pods/binding) are prepared by their own handler and skip the
    // main resource's update rules (spec.nodeName is immutable through a pod update, not through binding).
    const ownRules = !subresource || subresource === 'status';
    if (subresource === 'status') {
      prepareStatusUpdate(def, object, current);
    } else if (!subresource) {
      def.strategy.defaults?.(object);
      def.strategy.prepareForUpdate?.(object, current, { now: new Date() });
    }
    const errors = [...validateMeta(def, object), ...validateMetaUpdate(def, object, current), ...def.strategy.validate(object), ...(ownRules ? (def.strategy.validateUpdate?.(object, current) ?? []) : [])];
    if (errors.length) throw StatusError.invalid(def.group, def.kind, current.metadata.name!, errors);
    return object;
  }
}

/** A `/status` write changes status only (plus labels and annotations are kept from the stored object). */
function prepareStatusUpdate(def: ResourceDefinition, object: KubeObject, current: KubeObject): void {
  if (def.strategy.prepareForStatusUpdate) {
    def.strategy.prepareForStatusUpdate(object, current);
    return;
  }
  const status = object.status;
  for (const key of Object.keys(object)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key)) delete object[key];
  for (const key of Object.keys(current)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key)) object[key] = deepCopy(current[key]);
  object.metadata = { ...deepCopy(current.metadata), resourceVersion: object.metadata.resourceVersion, managedFields: object.metadata.managedFields };
  if (status === undefined) delete object.status;
}

/** Sets what the server owns on create: namespace, name, uid, timestamps, generation; then defaults and prepare. */
function prepareForCreate(def: ResourceDefinition, namespace: string, body: KubeObject, now: Date): KubeObject {
  const object = deepCopy(body);
  const meta = (object.metadata = isPlainObject(object.metadata) ? object.metadata : {});
  if (def.namespaced) {
    if (meta.namespace && meta.namespace !== namespace) {
      throw StatusError.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta.namespace = namespace;
  } else {
    delete meta.namespace;
  }
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
  object.apiVersion = apiVersionOf(def);
  object.kind = def.kind;
  meta.uid = randomUUID();
  meta.creationTimestamp = kubeTime(now);
  // generation is set by the strategies of the kinds that track it (upstream: PrepareForCreate).
  for (const field of ['resourceVersion', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink'] as const) delete meta[field];
  def.strategy.defaults?.(object);
  def.strategy.prepareForCreate?.(object, { now });
  return object;
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
