import type { ResourceDefinition } from '../../resource.types';
import { limitRangeStrategy } from './limitrange.strategy';

export const limitRangeResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  resource: 'limitranges',
  singular: 'limitrange',
  namespaced: true,
  shortNames: ['limits'],
  model: 'io.k8s.api.core.v1.LimitRange',
  strategy: limitRangeStrategy,
};
