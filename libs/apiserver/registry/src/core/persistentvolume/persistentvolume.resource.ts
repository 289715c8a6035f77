import type { ResourceDefinition } from '../../resource.types';
import { persistentVolumeStrategy } from './persistentvolume.strategy';

export const persistentVolumeResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  resource: 'persistentvolumes',
  singular: 'persistentvolume',
  namespaced: false,
  shortNames: ['pv'],
  model: 'io.k8s.api.core.v1.PersistentVolume',
  subresources: { status: true },
  strategy: persistentVolumeStrategy,
};
