import type { ResourceDefinition } from '../../resource.types';
import { ipAddressStrategy } from './ipaddress.strategy';

export const ipAddressResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IPAddress',
  resource: 'ipaddresses',
  singular: 'ipaddress',
  namespaced: false,
  shortNames: ['ip'],
  model: 'io.k8s.api.networking.v1.IPAddress',
  strategy: ipAddressStrategy,
};
