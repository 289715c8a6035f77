import { finishedCondition, Job } from '../job/job-status';

/**
 * timeLeft: the simulated ms until a finished Job with ttlSecondsAfterFinished expires (<= 0: now),
 * measured from its finish time (completionTime, else the finished condition's lastTransitionTime);
 * undefined when the Job has no TTL, is not finished, or is being deleted.
 */
export function ttlTimeLeft(job: Job, simulatedSince: (realStartMs: number) => number): number | undefined {
  const ttl = job.spec.ttlSecondsAfterFinished;
  const finished = finishedCondition(job);
  if (ttl === undefined || ttl === null || !finished || job.metadata.deletionTimestamp) return undefined;
  const finishedAt = Date.parse(job.status?.completionTime ?? finished.lastTransitionTime ?? '');
  if (!Number.isFinite(finishedAt)) return undefined;
  return ttl * 1000 - simulatedSince(finishedAt);
}
