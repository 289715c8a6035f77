import type { ResourceDefinition } from '../../resource.types';
import { controllerRevisionStrategy } from './controllerrevision.strategy';

export const controllerRevisionResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  resource: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  model: 'io.k8s.api.apps.v1.ControllerRevision',
  strategy: controllerRevisionStrategy,
};
