import type { ResourceDefinition } from '../../resource.types';
import { userStrategy } from './user.strategy';

export const userResource: ResourceDefinition = {
  group: 'drydock.dev',
  version: 'v1',
  kind: 'User',
  resource: 'users',
  singular: 'user',
  namespaced: false,
  model: 'dev.drydock.v1.User',
  subresources: { status: true },
  strategy: userStrategy,
};
