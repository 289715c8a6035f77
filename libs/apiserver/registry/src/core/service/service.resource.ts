import type { ResourceDefinition } from '../../resource.types';
import { serviceStrategy } from './service.strategy';

export const serviceResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Service',
  resource: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  nameValidation: 'dns1035',
  model: 'io.k8s.api.core.v1.Service',
  subresources: {
    status: true,
    extra: [{ name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }],
  },
  strategy: serviceStrategy,
};
