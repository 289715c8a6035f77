import type { ResourceDefinition } from '../../resource.types';
import { podDisruptionBudgetStrategy } from './poddisruptionbudget.strategy';

export const podDisruptionBudgetResource: ResourceDefinition = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  resource: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  model: 'io.k8s.api.policy.v1.PodDisruptionBudget',
  subresources: { status: true },
  strategy: podDisruptionBudgetStrategy,
};
