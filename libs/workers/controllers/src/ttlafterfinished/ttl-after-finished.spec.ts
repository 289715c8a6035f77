import type { Job } from '../job/job-status';
import { ttlTimeLeft } from './ttl-after-finished';

const finished = (ttl: number | undefined, completionTime = '2026-11-22T06:00:00Z'): Job => ({
  metadata: { name: 'j' }, spec: { ttlSecondsAfterFinished: ttl },
  status: { completionTime, conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: completionTime }] },
});

describe('ttl after finished', () => {
  const since = (now: string) => (start: number) => Date.parse(now) - start;

  it('counts the TTL from the finish time', () => {
    expect(ttlTimeLeft(finished(60), since('2026-11-22T06:00:20Z'))).toBe(40_000);
    expect(ttlTimeLeft(finished(0), since('2026-11-22T06:00:00Z'))).toBe(0);
  });

  it('leaves jobs without a TTL, unfinished or being deleted alone', () => {
    expect(ttlTimeLeft(finished(undefined), since('2026-11-22T07:00:00Z'))).toBeUndefined();
    expect(ttlTimeLeft({ metadata: { name: 'j' }, spec: { ttlSecondsAfterFinished: 1 } }, since('2026-11-22T07:00:00Z'))).toBeUndefined();
    expect(ttlTimeLeft({ ...finished(1), metadata: { name: 'j', deletionTimestamp: '2026-11-22T06:00:01Z' } }, since('2026-11-22T07:00:00Z'))).toBeUndefined();
  });
});
