/** The patch engine (@drydock/patch) wired to the OpenAPI models (@drydock/openapi). */
export { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, applyServerSide, parsePatchBody } from '@drydock/patch';
export { schemaNavigator } from '@drydock/patch';
