import type { ResourceDefinition } from '../../resource.types';
import { configMapStrategy } from './configmap.strategy';

export const configMapResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  resource: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  model: 'io.k8s.api.core.v1.ConfigMap',
  strategy: configMapStrategy,
};
