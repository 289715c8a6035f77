import { apiextensionsResources } from './apiextensions';
import { appsResources } from './apps';
import { autoscalingResources } from './autoscaling';
import { batchResources } from './batch';
import { coordinationResources } from './coordination';
import { discoveryResources } from './discovery';
import { eventsResources } from './events';
import { networkingResources } from './networking';
import { policyResources } from './policy';
import { rbacResources } from './rbac';
import type { ResourceDefinition } from './resource.types';
import { schedulingResources } from './scheduling';
import { storageResources } from './storage';

export { customResourceDefinitionResources, customResourceModelName, establishCrd, validateCustomResourceDefinition, validateCustomResourceDefinitionStatus } from './apiextensions';
export type { CrdCondition, EstablishedCrdStatus } from './apiextensions';
export { compareKubeAwareVersions } from './apiextensions/customresources/version-priority';
export { cronScheduleError, nextCronTime, parseCronSchedule } from './batch';
export type { CronSchedule } from './batch';

/**
 * Every built-in kind outside core/v1, grouped as upstream serves them (apps, batch, autoscaling...).
 * Custom resources are not here: they come from customResourceDefinitionResources(crd) at run time.
 */
export const groupResources: ResourceDefinition[] = [
  ...appsResources,
  ...eventsResources,
  ...autoscalingResources,
  ...batchResources,
  ...networkingResources,
  ...policyResources,
  ...rbacResources,
  ...storageResources,
  ...apiextensionsResources,
  ...schedulingResources,
  ...coordinationResources,
  ...discoveryResources,
];
