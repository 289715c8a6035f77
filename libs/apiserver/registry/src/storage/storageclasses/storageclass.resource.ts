import type { ResourceDefinition } from '../../resource.types';
import { storageClassStrategy } from './storageclass.strategy';

export const storageClassResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  resource: 'storageclasses',
  singular: 'storageclass',
  namespaced: false,
  shortNames: ['sc'],
  model: 'io.k8s.api.storage.v1.StorageClass',
  strategy: storageClassStrategy,
};
