import type { ResourceDefinition } from '../../resource.types';
import { nodeStrategy } from './node.strategy';

export const nodeResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Node',
  resource: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  model: 'io.k8s.api.core.v1.Node',
  subresources: { status: true, extra: [{ name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] }] },
  strategy: nodeStrategy,
};
