import type { ResourceDefinition } from '../../resource.types';
import { persistentVolumeClaimStrategy } from './persistentvolumeclaim.strategy';

export const persistentVolumeClaimResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  resource: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  model: 'io.k8s.api.core.v1.PersistentVolumeClaim',
  subresources: { status: true },
  strategy: persistentVolumeClaimStrategy,
};
