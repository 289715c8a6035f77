import type { ResourceDefinition } from '../../resource.types';
import { volumeAttributesClassStrategy } from './volumeattributesclass.strategy';

export const volumeAttributesClassResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'VolumeAttributesClass',
  resource: 'volumeattributesclasses',
  singular: 'volumeattributesclass',
  namespaced: false,
  shortNames: ['vac'],
  model: 'io.k8s.api.storage.v1.VolumeAttributesClass',
  strategy: volumeAttributesClassStrategy,
};
