import type { Pod } from '../util/workload.types';
import { COMPLETION_INDEX, formatIndexes, pendingIndexes, succeededIndexes, withCompletionIndex } from './job-indexes';
import type { Job } from './job-status';

const job: Job = { metadata: { name: 'work' }, spec: { completionMode: 'Indexed', completions: 5, parallelism: 2 } };
const pod = (index: string, phase: NonNullable<Pod['status']>['phase']): Pod => ({ metadata: { name: `work-${index}`, annotations: { [COMPLETION_INDEX]: index } }, status: { phase } });

describe('indexed jobs', () => {
  it('formats completed indexes as upstream: ranges of three or more, pairs apart', () => {
    expect(formatIndexes([1, 3, 4, 5, 7])).toBe('1,3-5,7');
    expect(formatIndexes([0, 1])).toBe('0,1');
    expect(formatIndexes([])).toBe('');
  });

  it('counts distinct succeeded indexes within completions', () => {
    expect(succeededIndexes(job, [pod('3', 'Succeeded'), pod('3', 'Succeeded'), pod('1', 'Succeeded'), pod('2', 'Failed'), pod('9', 'Succeeded'), pod('x', 'Succeeded')])).toEqual([1, 3]);
  });

  it('picks the lowest indexes neither succeeded nor running', () => {
    expect(pendingIndexes(job, [pod('0', 'Running')], [1, 3], 5)).toEqual([2, 4]);
    expect(pendingIndexes(job, [], [], 2)).toEqual([0, 1]);
  });

  it('gives the pod its index as annotation, label, hostname, generateName and JOB_COMPLETION_INDEX', () => {
    const indexed = withCompletionIndex({ metadata: { generateName: 'work-', labels: { a: 'b' } }, spec: { containers: [{ name: 'c' }] } }, job, 2);
    expect(indexed.metadata).toEqual({ generateName: 'work-2-', labels: { a: 'b', [COMPLETION_INDEX]: '2' }, annotations: { [COMPLETION_INDEX]: '2' } });
    expect(indexed.spec).toEqual({
      hostname: 'work-2',
      containers: [{ name: 'c', env: [{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } }] }],
    });
  });
});
