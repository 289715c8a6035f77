import type { ResourceDefinition } from '../../resource.types';
import { resourceQuotaStrategy } from './resourcequota.strategy';

export const resourceQuotaResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  resource: 'resourcequotas',
  singular: 'resourcequota',
  namespaced: true,
  shortNames: ['quota'],
  model: 'io.k8s.api.core.v1.ResourceQuota',
  subresources: { status: true },
  strategy: resourceQuotaStrategy,
};
