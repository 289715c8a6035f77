import { parsePatchBody as parseBody } from '@drydock/patch';
import { assertNestingDepth } from '../http/body';

/** The patch engine (@drydock/patch) wired to the OpenAPI models (@drydock/openapi). */
export { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, applyServerSide } from '@drydock/patch';
export { openApiNavigator as schemaNavigator } from '@drydock/patch';

/** The decoded patch document (operations for JSON patch, an object otherwise). */
export function parsePatchBody(contentType: string, body: Buffer): unknown {
  const patch = parseBody(contentType, body).patch;
  assertNestingDepth(patch);
  return patch;
}
