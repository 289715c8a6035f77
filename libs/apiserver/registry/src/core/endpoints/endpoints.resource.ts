import type { ResourceDefinition } from '../../resource.types';
import { endpointsStrategy } from './endpoints.strategy';

export const endpointsResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  resource: 'endpoints',
  singular: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  model: 'io.k8s.api.core.v1.Endpoints',
  strategy: endpointsStrategy,
};
