import type { ResourceDefinition } from '../../resource.types';
import { statefulSetStrategy } from './statefulset.strategy';

export const statefulSetResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  resource: 'statefulsets',
  singular: 'statefulset',
  namespaced: true,
  nameValidation: 'label',
  shortNames: ['sts'],
  categories: ['all'],
  model: 'io.k8s.api.apps.v1.StatefulSet',
  subresources: { status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' } },
  strategy: statefulSetStrategy,
};
