import type { ResourceDefinition } from '../../resource.types';
import { secretStrategy } from './secret.strategy';

export const secretResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  resource: 'secrets',
  singular: 'secret',
  namespaced: true,
  model: 'io.k8s.api.core.v1.Secret',
  strategy: secretStrategy,
};
