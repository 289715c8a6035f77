import type { ResourceDefinition } from '../resource.types';
import { leaseResource } from './leases/lease.resource';

export const coordinationResources: ResourceDefinition[] = [leaseResource];
