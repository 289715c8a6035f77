import type { ResourceDefinition } from '../../resource.types';
import { namespaceStrategy } from './namespace.strategy';

export const namespaceResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  nameValidation: 'label',
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  model: 'io.k8s.api.core.v1.Namespace',
  subresources: { status: true, extra: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }] },
  strategy: namespaceStrategy,
};
