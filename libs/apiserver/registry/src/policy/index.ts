import type { ResourceDefinition } from '../resource.types';
import { podDisruptionBudgetResource } from './poddisruptionbudgets/poddisruptionbudget.resource';

/** policy/v1 (pods/eviction is a core subresource, listed by the core pods definition). */
export const policyResources: ResourceDefinition[] = [podDisruptionBudgetResource];
