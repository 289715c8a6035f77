import type { ResourceDefinition } from '../../resource.types';
import { daemonSetStrategy } from './daemonset.strategy';

export const daemonSetResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  resource: 'daemonsets',
  singular: 'daemonset',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  model: 'io.k8s.api.apps.v1.DaemonSet',
  subresources: { status: true },
  strategy: daemonSetStrategy,
};
