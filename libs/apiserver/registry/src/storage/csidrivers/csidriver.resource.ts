import type { ResourceDefinition } from '../../resource.types';
import { csiDriverStrategy } from './csidriver.strategy';

export const csiDriverResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSIDriver',
  resource: 'csidrivers',
  singular: 'csidriver',
  namespaced: false,
  model: 'io.k8s.api.storage.v1.CSIDriver',
  strategy: csiDriverStrategy,
};
