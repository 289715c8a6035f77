import type { ResourceDefinition } from '../../resource.types';
import { priorityLevelConfigurationStrategy } from './prioritylevelconfiguration.strategy';

/** flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration: a priority level's share of the server's concurrency and its queues. */
export const priorityLevelConfigurationResource: ResourceDefinition = {
  group: 'flowcontrol.apiserver.k8s.io',
  version: 'v1',
  kind: 'PriorityLevelConfiguration',
  resource: 'prioritylevelconfigurations',
  singular: 'prioritylevelconfiguration',
  namespaced: false,
  model: 'io.k8s.api.flowcontrol.v1.PriorityLevelConfiguration',
  subresources: { status: true },
  strategy: priorityLevelConfigurationStrategy,
};
