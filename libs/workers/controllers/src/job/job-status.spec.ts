import type { Pod } from '../util/workload.types';
import { countPods, countsStatus, failureReason, Job, podFailureBackoffLeft, successCriteriaMet, wantActive } from './job-status';

const pod = (phase: NonNullable<Pod['status']>['phase'], extra: Partial<NonNullable<Pod['status']>> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${Math.random()}` }, status: { phase, ...extra } });
const job = (spec: Partial<Job['spec']>, restartPolicy = 'Never'): Job => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy } }, ...spec } });

describe('job status', () => {
  it('counts active, ready, succeeded and failed pods, omitting zero counts but keeping ready and terminating', () => {
    const ready = pod('Running', { conditions: [{ type: 'Ready', status: 'True' }] });
    const counts = countPods([ready, pod('Pending'), pod('Succeeded'), pod('Failed'), pod('Failed')]);
    expect(countsStatus({ active: 9 }, counts)).toEqual({ active: 2, ready: 1, terminating: 0, succeeded: 1, failed: 2 });
    expect(countsStatus({ active: 1, failed: 1 }, countPods([]))).toEqual({ ready: 0, terminating: 0 });
  });

  it('keeps parallelism pods running, capped by the completions still missing', () => {
    expect(wantActive(job({ completions: 3, parallelism: 2 }), countPods([]))).toBe(2);
    expect(wantActive(job({ completions: 3, parallelism: 2 }), countPods([pod('Succeeded'), pod('Succeeded')]))).toBe(1);
    expect(wantActive(job({ completions: 3, parallelism: 2, suspend: true }), countPods([]))).toBe(0);
    expect(wantActive(job({ parallelism: 2 }), countPods([pod('Succeeded'), pod('Running')]))).toBe(1);
  });

  it('meets the success criteria at completions succeeded pods, or (no completions) one success and none active', () => {
    expect(successCriteriaMet(job({ completions: 3 }), countPods([pod('Succeeded'), pod('Succeeded')]))).toBe(false);
    expect(successCriteriaMet(job({ completions: 2 }), countPods([pod('Succeeded'), pod('Succeeded'), pod('Running')]))).toBe(true);
    expect(successCriteriaMet(job({}), countPods([pod('Succeeded'), pod('Running')]))).toBe(false);
    expect(successCriteriaMet(job({}), countPods([pod('Succeeded')]))).toBe(true);
  });

  it('fails past backoffLimit failed pods, on OnFailure container restarts, and past activeDeadlineSeconds', () => {
    const twoFailed = [pod('Failed'), pod('Failed')];
    expect(failureReason(job({ backoffLimit: 2 }), countPods(twoFailed), twoFailed, 0)).toBeUndefined();
    expect(failureReason(job({ backoffLimit: 1 }), countPods(twoFailed), twoFailed, 0)?.reason).toBe('BackoffLimitExceeded');
    const restarting = [pod('Running', { containerStatuses: [{ restartCount: 2 }] })];
    expect(failureReason(job({ backoffLimit: 2 }, 'OnFailure'), countPods(restarting), restarting, 0)?.message).toBe('Job has reached the specified backoff limit');
    expect(failureReason(job({ backoffLimit: 2 }), countPods(restarting), restarting, 0)).toBeUndefined();
    expect(failureReason(job({ activeDeadlineSeconds: 10 }), countPods([]), [], 10_000)).toEqual({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(failureReason(job({ activeDeadlineSeconds: 10 }), countPods([]), [], 9_000)).toBeUndefined();
  });

  it('backs off 10 s doubling per failure since the last success before replacing failed pods', () => {
    const ended = (phase: 'Succeeded' | 'Failed', finishedAt: string) => pod(phase, { containerStatuses: [{ state: { terminated: { finishedAt } } }] });
    const since = (now: string) => (start: number) => Date.parse(now) - start;
    const failures = [ended('Failed', '2026-11-22T06:00:00Z'), ended('Failed', '2026-11-22T06:00:10Z')];
    expect(podFailureBackoffLeft(failures, since('2026-11-22T06:00:15Z'))).toBe(15_000);
    expect(podFailureBackoffLeft([...failures, ended('Succeeded', '2026-11-22T06:00:11Z')], since('2026-11-22T06:00:15Z'))).toBe(0);
    expect(podFailureBackoffLeft([ended('Failed', '2026-11-22T06:00:00Z')], since('2026-11-22T06:00:15Z'))).toBe(-5_000);
  });
});
