import type { ResourceDefinition } from '../resource.types';
import { eventResource } from './events/event.resource';

/** events.k8s.io/v1 (its own storage; core/v1 events are not visible here). */
export const eventsResources: ResourceDefinition[] = [eventResource];
