import type { ResourceDefinition } from '../../resource.types';
import { eventStrategy } from './event.strategy';

export const eventResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Event',
  resource: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  model: 'io.k8s.api.core.v1.Event',
  strategy: eventStrategy,
};
