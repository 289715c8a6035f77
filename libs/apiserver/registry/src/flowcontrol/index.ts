export * from './bootstrap-configuration';
export { flowSchemaResource } from './flowschemas/flowschema.resource';
export { priorityLevelConfigurationResource } from './prioritylevelconfigurations/prioritylevelconfiguration.resource';
export { byMatchingPrecedence } from './flowschemas/flowschema.strategy';
