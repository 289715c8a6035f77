import type { ResourceDefinition } from '../../resource.types';
import { teamStrategy } from './team.strategy';

export const teamResource: ResourceDefinition = {
  group: 'drydock.dev',
  version: 'v1',
  kind: 'Team',
  resource: 'teams',
  singular: 'team',
  namespaced: false,
  model: 'dev.drydock.v1.Team',
  subresources: { status: true },
  strategy: teamStrategy,
};
