import { makePod } from '../framework/testing';
import { NODE_REASONS_ANNOTATION } from './failure-recorder';
import { changedForScheduling, isResponsibleFor } from './pod-filters';

describe('which pods the scheduler takes', () => {
  it('takes unassigned pods of its name only, not terminating, finished or gated ones', () => {
    expect(isResponsibleFor(makePod('p'), 'default-scheduler')).toBe(true);
    expect(isResponsibleFor(makePod('p', { schedulerName: 'other' }), 'default-scheduler')).toBe(false);
    expect(isResponsibleFor(makePod('p', { nodeName: 'n' }), 'default-scheduler')).toBe(false);
    expect(isResponsibleFor(makePod('p', { schedulingGates: [{ name: 'wait' }] }), 'default-scheduler')).toBe(false);
    const terminating = makePod('p');
    terminating.metadata.deletionTimestamp = '2026-11-22T00:00:00Z';
    expect(isResponsibleFor(terminating, 'default-scheduler')).toBe(false);
    expect(isResponsibleFor({ ...makePod('p'), status: { phase: 'Failed' } }, 'default-scheduler')).toBe(false);
  });

  it("does not treat its own status and annotation writes as a change worth a retry", () => {
    const pod = makePod('p');
    const annotated = { ...pod, metadata: { ...pod.metadata, resourceVersion: '9', annotations: { [NODE_REASONS_ANNOTATION]: '{}' } }, status: { conditions: [{ type: 'PodScheduled', status: 'False' }] } };
    expect(changedForScheduling(pod, annotated)).toBe(false);
    expect(changedForScheduling(pod, { ...pod, spec: { ...pod.spec, nodeSelector: { a: 'b' } } })).toBe(true);
  });
});
