import type { ResourceDefinition } from '../resource.types';
import { priorityClassResource } from './priorityclasses/priorityclass.resource';

export const schedulingResources: ResourceDefinition[] = [priorityClassResource];
