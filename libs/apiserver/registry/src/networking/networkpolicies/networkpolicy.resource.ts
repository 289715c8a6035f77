import type { ResourceDefinition } from '../../resource.types';
import { networkPolicyStrategy } from './networkpolicy.strategy';

export const networkPolicyResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  resource: 'networkpolicies',
  singular: 'networkpolicy',
  namespaced: true,
  shortNames: ['netpol'],
  model: 'io.k8s.api.networking.v1.NetworkPolicy',
  strategy: networkPolicyStrategy,
};
