import type { ResourceDefinition } from '../resource.types';
import { endpointSliceResource } from './endpointslices/endpointslice.resource';

export const discoveryResources: ResourceDefinition[] = [endpointSliceResource];
