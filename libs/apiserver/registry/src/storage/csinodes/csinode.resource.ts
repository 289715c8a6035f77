import type { ResourceDefinition } from '../../resource.types';
import { csiNodeStrategy } from './csinode.strategy';

export const csiNodeResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSINode',
  resource: 'csinodes',
  singular: 'csinode',
  namespaced: false,
  model: 'io.k8s.api.storage.v1.CSINode',
  strategy: csiNodeStrategy,
};
