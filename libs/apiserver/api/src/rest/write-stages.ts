import { kubeTime } from '@drydock/kube';
import { randomUUID } from 'node:crypto';
import { FieldError, KubeObject, StatusError, deepCopy, isPlainObject } from '@drydock/util';
import { ResourceDefinition, apiVersionOf } from '@drydock/registry';
import { validateMeta, validateMetaUpdate } from './meta-validation';
import { generateName } from './object-meta';

/*
 * The strategy-facing stages of a write, in the order the generic store runs them:
 * decode → defaults → (mutating admission) → prepare → validate → (validating admission) → persist.
 * Each stage is a pure function of the objects it is given; admission and persistence live in the store.
 */

/** Fields of metadata only the server sets; an update keeps the stored values. */
const systemMetaFields = ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'resourceVersion'] as const;

/**
 * Create, decode and defaults: the server's metadata (namespace, name, uid, creationTimestamp; as
 * upstream's FillObjectMetaSystemFields), type meta, then the strategy's defaults. Returns a copy.
 */
export function defaultForCreate(def: ResourceDefinition, namespace: string, body: KubeObject, now: Date): KubeObject {
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
  return object;
}

/** Create, prepare: the strategy's PrepareForCreate (clear status, set generation...). Mutates. */
export function prepareForCreate(def: ResourceDefinition, object: KubeObject, now: Date): void {
  def.strategy.prepareForCreate?.(object, { now });
}

/** Create, validate: metadata and the strategy's field errors, all at once (422 Invalid). */
export function validateForCreate(def: ResourceDefinition, object: KubeObject): void {
  const errors: FieldError[] = [...validateMeta(def, object), ...def.strategy.validate(object)];
  if (errors.length) throw StatusError.invalid(def.group, def.kind, object.metadata.name ?? '', errors);
}

/**
 * Update, decode and defaults: the desired object with type meta and the stored system metadata; the
 * strategy's defaults for a main-resource write. Mutates and returns `desired`, which must be the write's
 * own (a copy, or a patch's result), sharing nothing with the stored object.
 */
export function defaultForUpdate(def: ResourceDefinition, current: KubeObject, desired: KubeObject, subresource?: string): KubeObject {
  const object = desired;
  object.apiVersion = apiVersionOf(def);
  object.kind = def.kind;
  const meta = (object.metadata = isPlainObject(object.metadata) ? object.metadata : {});
  for (const field of systemMetaFields) {
    if (current.metadata[field] === undefined) delete meta[field];
    else (meta as Record<string, unknown>)[field] = current.metadata[field];
  }
  if (!subresource) def.strategy.defaults?.(object);
  return object;
}

/**
 * Update, prepare. Subresources other than status (pods/binding) are prepared by their own handler
 * and skip the main resource's rules (spec.nodeName is immutable through a pod update, not through
 * binding). Mutates `object`.
 */
export function prepareForUpdate(def: ResourceDefinition, object: KubeObject, current: KubeObject, now: Date, subresource?: string): void {
  if (subresource === 'status') prepareStatusUpdate(def, object, current);
  else if (!subresource) def.strategy.prepareForUpdate?.(object, current, { now });
}

/** Update, validate: metadata, the object, and (main resource and status) the update rules. */
export function validateForUpdate(def: ResourceDefinition, object: KubeObject, current: KubeObject, subresource?: string): void {
  const ownRules = !subresource || subresource === 'status';
  const errors = [...validateMeta(def, object), ...validateMetaUpdate(def, object, current), ...def.strategy.validate(object), ...(ownRules ? (def.strategy.validateUpdate?.(object, current) ?? []) : [])];
  if (errors.length) throw StatusError.invalid(def.group, def.kind, current.metadata.name!, errors);
}

/** A `/status` write changes status only (plus labels and annotations are kept from the stored object). */
function prepareStatusUpdate(def: ResourceDefinition, object: KubeObject, current: KubeObject): void {
  if (def.strategy.prepareForStatusUpdate) {
    def.strategy.prepareForStatusUpdate(object, current);
    return;
  }
  const status = object.status;
  for (const key of Object.keys(object)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key)) delete object[key];
  // The stored spec and metadata are shared, not copied: no later stage of an update writes into them
  // (validation and validating admission only read; the store encodes the object and drops it).
  for (const key of Object.keys(current)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key)) object[key] = current[key];
  object.metadata = { ...current.metadata, resourceVersion: object.metadata.resourceVersion, managedFields: object.metadata.managedFields };
  if (status === undefined) delete object.status;
}
