import type { ResourceDefinition } from '../../resource.types';
import { deploymentStrategy } from './deployment.strategy';

export const deploymentResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  resource: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  model: 'io.k8s.api.apps.v1.Deployment',
  subresources: { status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' } },
  strategy: deploymentStrategy,
};
