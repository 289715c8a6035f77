import type { ResourceDefinition } from '../../resource.types';
import { podTemplateStrategy } from './podtemplate.strategy';

export const podTemplateResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PodTemplate',
  resource: 'podtemplates',
  singular: 'podtemplate',
  namespaced: true,
  model: 'io.k8s.api.core.v1.PodTemplate',
  strategy: podTemplateStrategy,
};
