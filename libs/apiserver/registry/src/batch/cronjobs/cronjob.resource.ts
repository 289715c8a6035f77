import type { ResourceDefinition } from '../../resource.types';
import { cronJobStrategy } from './cronjob.strategy';

export const cronJobResource: ResourceDefinition = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  resource: 'cronjobs',
  singular: 'cronjob',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  model: 'io.k8s.api.batch.v1.CronJob',
  subresources: { status: true },
  strategy: cronJobStrategy,
};
