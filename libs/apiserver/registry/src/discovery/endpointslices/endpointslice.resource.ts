import type { ResourceDefinition } from '../../resource.types';
import { endpointSliceStrategy } from './endpointslice.strategy';

export const endpointSliceResource: ResourceDefinition = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  resource: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  model: 'io.k8s.api.discovery.v1.EndpointSlice',
  strategy: endpointSliceStrategy,
};
