export { jobStrategy } from './jobs/job.strategy';
export { cronJobStrategy } from './cronjobs/cronjob.strategy';
export { cronScheduleError, parseCronSchedule } from './cronjobs/cron-schedule';
export type { CronSchedule } from './cronjobs/cron-schedule';
export { nextCronTime } from './cronjobs/cron-next';
