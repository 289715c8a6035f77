import { isPlainObject, StatusError } from '@drydock/util';
import { decodeJson, jsonKind, PatchInput } from '../body/json-decode';
import { SchemaNavigator, untypedNavigator } from '../schema/schema-navigator';
import { rootNode } from '../schema/type-node';
import { mergeMap } from './merge-map';
import { cloneJson } from '../json-clone';

/**
 * Applies a strategic merge patch (application/strategic-merge-patch+json) to an object, as
 * upstream's StrategicMergeMapPatch: merge lists by their `patchMergeKey`, `null` deletes, and the
 * directives `$patch`, `$retainKeys`, `$setElementOrder/<field>`, `$deleteFromPrimitiveList/<field>`.
 * `modelName` is the upstream model of the object (`io.k8s.api.apps.v1.Deployment`); without one
 * every list is replaced. Neither input is modified. Throws StatusError (400/422) for bad patches.
 */
export function applyStrategicMergePatch<T extends object>(original: T, patch: PatchInput, modelName: string | undefined, navigator: SchemaNavigator = untypedNavigator): T {
  const patchMap = decodeJson(patch, (message) => message);
  if (!isPlainObject(patchMap)) {
    throw StatusError.badRequest(`json: cannot unmarshal ${jsonKind(patchMap)} into Go value of type map[string]interface {}`);
  }
  return mergeMap(cloneJson(original) as Record<string, unknown>, cloneJson(patchMap), rootNode(modelName), navigator) as T;
}
