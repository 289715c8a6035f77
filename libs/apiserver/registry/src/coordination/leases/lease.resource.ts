import type { ResourceDefinition } from '../../resource.types';
import { leaseStrategy } from './lease.strategy';

export const leaseResource: ResourceDefinition = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  resource: 'leases',
  singular: 'lease',
  namespaced: true,
  model: 'io.k8s.api.coordination.v1.Lease',
  strategy: leaseStrategy,
};
