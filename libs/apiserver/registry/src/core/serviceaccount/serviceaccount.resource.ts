import type { ResourceDefinition } from '../../resource.types';
import { serviceAccountStrategy } from './serviceaccount.strategy';

export const serviceAccountResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  model: 'io.k8s.api.core.v1.ServiceAccount',
  subresources: { extra: [{ name: 'token', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] }] },
  strategy: serviceAccountStrategy,
};
