import type { ResourceDefinition } from '../../resource.types';
import { ingressClassStrategy } from './ingressclass.strategy';

export const ingressClassResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  resource: 'ingressclasses',
  singular: 'ingressclass',
  namespaced: false,
  model: 'io.k8s.api.networking.v1.IngressClass',
  strategy: ingressClassStrategy,
};
