import type { ResourceDefinition } from '../../resource.types';
import { jobStrategy } from './job.strategy';

export const jobResource: ResourceDefinition = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  resource: 'jobs',
  singular: 'job',
  namespaced: true,
  categories: ['all'],
  model: 'io.k8s.api.batch.v1.Job',
  subresources: { status: true },
  strategy: jobStrategy,
};
