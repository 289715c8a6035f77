import type { KubeObject } from '@drydock/util';
import { StatusError } from '@drydock/util';
import type { ResourceDefinition } from '@drydock/registry';
import { unknownFields } from '@drydock/openapi';
import type { FieldValidation } from './request-context';

/**
 * fieldValidation: Strict rejects unknown fields with upstream's 400 `strict decoding error`, Warn
 * returns them as warnings, Ignore drops them silently. Unknown fields are never stored.
 */
export function checkUnknownFields(def: ResourceDefinition, object: KubeObject, mode: FieldValidation): string[] {
  if (!def.model) return [];
  const unknown = unknownFields(def.model, object);
  if (unknown.length === 0) return [];
  if (mode === 'Strict') throw StatusError.badRequest(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  for (const path of unknown) removePath(object, path);
  return mode === 'Warn' ? unknown.map((f) => `unknown field "${f}"`) : [];
}

/** Removes `a.b[0].c` from an object (paths as unknownFields reports them). */
function removePath(object: unknown, path: string): void {
  const steps = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let cursor: unknown = object;
  for (const [index, step] of steps.entries()) {
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step;
    if (typeof cursor !== 'object' || cursor === null) return;
    if (index === steps.length - 1) {
      delete (cursor as Record<string | number, unknown>)[key];
      return;
    }
    cursor = (cursor as Record<string | number, unknown>)[key];
  }
}
