import type { ResourceDefinition } from '../resource.types';
import { customResourceDefinitionResource } from './customresourcedefinitions/crd.resource';

export { customResourceDefinitionResources, customResourceModelName } from './customresources/custom-resource.definitions';
export { establishCrd } from './customresourcedefinitions/establish-crd';
export type { CrdCondition, EstablishedCrdStatus } from './customresourcedefinitions/establish-crd';
export { validateCustomResourceDefinition } from './customresourcedefinitions/crd-validation';
export { validateCustomResourceDefinitionStatus } from './customresourcedefinitions/crd.strategy';

export const apiextensionsResources: ResourceDefinition[] = [customResourceDefinitionResource];
