export * from './openapi.types';
export { getModel, modelNames, modelNameForKind, modelNameOfRef, resourceSchema, schemaRefPrefix } from './model-table.loader';
export { fieldSchema, describeSchema } from './field-schema.navigator';
export { unknownFields, unknownFieldLocations, formatFieldPath, strictDecodingMessage, unknownFieldMessages, type FieldLocation } from './unknown-fields.validator';
export { openApiV3Document } from './openapi-v3-document.builder';
export { openApiV3Index, openApiV3Path } from './openapi-v3-index.builder';
export { patchContentTypes } from './openapi-v3-operations.builder';
export { OpenApiV3DocumentCache, type CachedOpenApiV3Document } from './openapi-v3-document.cache';
export { openApiV2Protobuf, openApiV2ProtobufContentType } from './openapi-v2-protobuf.builder';
