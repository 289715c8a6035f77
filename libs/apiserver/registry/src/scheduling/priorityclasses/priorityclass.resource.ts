import type { ResourceDefinition } from '../../resource.types';
import { priorityClassStrategy } from './priorityclass.strategy';

export const priorityClassResource: ResourceDefinition = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  resource: 'priorityclasses',
  singular: 'priorityclass',
  namespaced: false,
  shortNames: ['pc'],
  model: 'io.k8s.api.scheduling.v1.PriorityClass',
  strategy: priorityClassStrategy,
};
