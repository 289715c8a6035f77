import type { ResourceDefinition } from '../resource.types';
import { cronJobResource } from './cronjobs/cronjob.resource';
import { jobResource } from './jobs/job.resource';

export { jobStrategy } from './jobs/job.strategy';
export { cronJobStrategy } from './cronjobs/cronjob.strategy';
export { cronScheduleError, parseCronSchedule } from './cronjobs/cron-schedule';
export type { CronSchedule } from './cronjobs/cron-schedule';
export { nextCronTime } from './cronjobs/cron-next';

/** batch/v1, in upstream discovery order. */
export const batchResources: ResourceDefinition[] = [cronJobResource, jobResource];
