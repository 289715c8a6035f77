import type { ResourceDefinition } from '../../resource.types';
import { serviceCidrStrategy } from './servicecidr.strategy';

export const serviceCidrResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'ServiceCIDR',
  resource: 'servicecidrs',
  singular: 'servicecidr',
  namespaced: false,
  model: 'io.k8s.api.networking.v1.ServiceCIDR',
  subresources: { status: true },
  strategy: serviceCidrStrategy,
};
