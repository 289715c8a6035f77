export { customResourceDefinitionResources, customResourceModelName } from './customresources/custom-resource.definitions';
export { establishCrd } from './customresourcedefinitions/establish-crd';
export type { CrdCondition, EstablishedCrdStatus } from './customresourcedefinitions/establish-crd';
export { validateCustomResourceDefinition } from './customresourcedefinitions/crd-validation';
export { validateCustomResourceDefinitionStatus } from './customresourcedefinitions/crd.strategy';
