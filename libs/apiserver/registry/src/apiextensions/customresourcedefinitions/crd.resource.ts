import type { ResourceDefinition } from '../../resource.types';
import { customResourceDefinitionStrategy } from './crd.strategy';

export const customResourceDefinitionResource: ResourceDefinition = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  resource: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  model: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
  subresources: { status: true },
  strategy: customResourceDefinitionStrategy,
};
