export * from './schema/schema-navigator';
export * from './schema/patch-strategies.table';
export { applyStrategicMergePatch } from './strategic/strategic-merge-patch.apply';
export { applyJsonPatch, maxJsonPatchOperations } from './json/json-patch.apply';
export { applyMergePatch } from './json/merge-patch.apply';
export { parsePatchBody, patchContentTypes, type PatchType, type ParsedPatchBody, type ParsePatchOptions } from './body/patch-body.parser';
export type { PatchInput } from './body/json-decode';
export { openApiNavigator } from './schema/openapi-navigator.adapter';
