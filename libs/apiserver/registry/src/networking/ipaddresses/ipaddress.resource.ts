import type { ResourceDefinition } from '../../resource.types';
import { ipAddressStrategy } from './ipaddress.strategy';

export const ipAddressResource: ResourceDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IPAddress',
  resource: 'ipaddresses',
  singular: 'ipaddress',
  namespaced: false,
  // The name is an IP address (checked by the strategy); IPv6 names are not DNS subdomains.
  nameValidation: 'pathSegment',
  shortNames: ['ip'],
  model: 'io.k8s.api.networking.v1.IPAddress',
  strategy: ipAddressStrategy,
};
