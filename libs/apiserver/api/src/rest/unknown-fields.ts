import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';
import { FieldLocation, firstTypeError, formatFieldPath, resourceSchema, strictDecodingMessage, unknownFieldLocations, unknownFieldMessages } from '@drydock/openapi';
import type { FieldValidation } from './request-context';

/**
 * fieldValidation: Strict rejects unknown fields with upstream's 400 `strict decoding error`, Warn
 * returns them as warnings, Ignore drops them silently. Unknown fields are never stored.
 * Mutates `object` (removes the unknown fields).
 */
export function checkUnknownFields(def: ResourceDefinition, object: KubeObject, mode: FieldValidation): string[] {
  const schema = resourceSchema(def);
  if (!schema) return [];
  // Built-in kinds decode into Go structs upstream: a value of the wrong JSON type is a 400 there.
  const typeError = typeof schema === 'string' ? firstTypeError(schema, object) : undefined;
  if (typeError) throw StatusError.badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ${typeError}`);
  const locations = unknownFieldLocations(schema, object);
  if (locations.length === 0) return [];
  const paths = locations.map(formatFieldPath);
  if (mode === 'Strict') throw StatusError.badRequest(strictDecodingMessage(paths));
  for (const location of locations) removeLocation(object, location);
  return mode === 'Warn' ? unknownFieldMessages(paths) : [];
}

function removeLocation(object: unknown, location: FieldLocation): void {
  let cursor: unknown = object;
  for (const step of location.slice(0, -1)) {
    if (typeof cursor !== 'object' || cursor === null) return;
    cursor = (cursor as Record<string | number, unknown>)[step];
  }
  if (typeof cursor === 'object' && cursor !== null) delete (cursor as Record<string | number, unknown>)[location[location.length - 1]];
}
