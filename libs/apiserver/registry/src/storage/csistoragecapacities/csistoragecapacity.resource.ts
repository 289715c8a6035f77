import type { ResourceDefinition } from '../../resource.types';
import { csiStorageCapacityStrategy } from './csistoragecapacity.strategy';

export const csiStorageCapacityResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSIStorageCapacity',
  resource: 'csistoragecapacities',
  singular: 'csistoragecapacity',
  namespaced: true,
  model: 'io.k8s.api.storage.v1.CSIStorageCapacity',
  strategy: csiStorageCapacityStrategy,
};
