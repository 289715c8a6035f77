import type { ResourceDefinition } from '../../resource.types';
import { flowSchemaStrategy } from './flowschema.strategy';

/** flowcontrol.apiserver.k8s.io/v1 FlowSchema: which requests go to which priority level (API Priority and Fairness). */
export const flowSchemaResource: ResourceDefinition = {
  group: 'flowcontrol.apiserver.k8s.io',
  version: 'v1',
  kind: 'FlowSchema',
  resource: 'flowschemas',
  singular: 'flowschema',
  namespaced: false,
  model: 'io.k8s.api.flowcontrol.v1.FlowSchema',
  subresources: { status: true },
  strategy: flowSchemaStrategy,
};
