import type { ResourceDefinition } from '../../resource.types';
import { ingressStrategy } from './ingress.strategy';

export const ingressResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  resource: 'ingresses',
  singular: 'ingress',
  namespaced: true,
  shortNames: ['ing'],
  model: 'io.k8s.api.networking.v1.Ingress',
  subresources: { status: true },
  strategy: ingressStrategy,
};
