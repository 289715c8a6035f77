import type { KubeObject } from '@drydock/util';
import { StatusError, deepCopy, isPlainObject } from '@drydock/util';
import type { ResourceDefinition, ScaleSubresource } from '@drydock/registry';
import { labelSelectorToString } from './registry-helpers';

function read(object: unknown, path: string): unknown {
  return path.split('.').filter(Boolean).reduce<unknown>((value, key) => (isPlainObject(value) ? value[key] : undefined), object);
}

function write(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.').filter(Boolean);
  let cursor = object;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(cursor[key])) cursor[key] = {};
    cursor = cursor[key] as Record<string, unknown>;
  }
  cursor[keys[keys.length - 1]] = value;
}

function selectorString(object: KubeObject, scale: ScaleSubresource): string | undefined {
  if (!scale.labelSelectorPath) return undefined;
  const selector = read(object, scale.labelSelectorPath);
  if (typeof selector === 'string') return selector;
  return isPlainObject(selector) ? labelSelectorToString(selector) : undefined;
}

/** The autoscaling/v1 Scale view of an object with a `/scale` subresource. */
export function toScale(def: ResourceDefinition, object: KubeObject): KubeObject {
  const scale = def.subresources!.scale!;
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  const status: Record<string, unknown> = { replicas: Number(read(object, scale.statusReplicasPath) ?? 0) };
  const selector = selectorString(object, scale);
  if (selector !== undefined) status.selector = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: Number(read(object, scale.specReplicasPath) ?? 0) },
    status,
  };
}

/** Applies a Scale's spec.replicas (and resourceVersion precondition) to the parent object. */
export function fromScale(def: ResourceDefinition, parent: KubeObject, scale: KubeObject): KubeObject {
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)) {
    throw StatusError.invalid('autoscaling', 'Scale', parent.metadata.name!, [{ type: 'FieldValueInvalid', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0' }]);
  }
  const updated = deepCopy(parent);
  write(updated, def.subresources!.scale!.specReplicasPath, replicas ?? 0);
  // A Scale without resourceVersion is an unconditional update (retried on conflicts).
  if (scale.metadata?.resourceVersion) updated.metadata.resourceVersion = scale.metadata.resourceVersion;
  else delete updated.metadata.resourceVersion;
  return updated;
}
