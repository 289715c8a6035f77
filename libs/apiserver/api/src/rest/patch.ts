import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, parsePatchBody, schemaNavigator } from './patch-helpers';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const patchTypes: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

const contentTypes: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** The patch type from the Content-Type; anything else is 415 as upstream. */
export function patchTypeOf(contentType: string | undefined, def: ResourceDefinition): PatchType {
  const type = patchTypes[(contentType ?? '').split(';')[0].trim().toLowerCase()];
  if (!type || (type === 'strategic' && !def.model)) {
    throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${def.model ? ', application/strategic-merge-patch+json' : ''}`);
  }
  return type;
}

/**
 * Applies a json, merge or strategic patch to the current object. A patch that does not name a
 * resourceVersion leaves the update unconditional (the caller retries on conflicts).
 */
export function applyPatch(def: ResourceDefinition, type: Exclude<PatchType, 'apply'>, current: KubeObject, body: Buffer): KubeObject {
  const patch = parsePatchBody(contentTypes[type], body);
  let patched: KubeObject;
  if (type === 'json') patched = applyJsonPatch(current, patch) as KubeObject;
  else if (type === 'merge') patched = applyMergePatch(current, patch) as KubeObject;
  else patched = applyStrategicMergePatch(current, patch, def.model!, schemaNavigator) as KubeObject;
  if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) throw StatusError.badRequest('the patch produced something that is not an object');
  if (!patched.metadata || typeof patched.metadata !== 'object') patched.metadata = {};
  if (patched.metadata.resourceVersion === current.metadata.resourceVersion) delete patched.metadata.resourceVersion;
  return patched;
}
