import { conditionTransitionTime, findCondition, removeCondition, setCondition, setStatusCondition, StatusCondition } from './conditions';

const now = new Date(Date.UTC(2026, 0, 2));
const ready: StatusCondition = { type: 'Ready', status: 'True', reason: 'A', lastTransitionTime: '2026-01-01T00:00:00Z' };
const other: StatusCondition = { type: 'Other', status: 'False', lastTransitionTime: '2026-01-01T00:00:00Z' };

describe('conditions', () => {
  it('finds and removes by type', () => {
    expect(findCondition([other, ready], 'Ready')).toBe(ready);
    expect(findCondition(undefined, 'Ready')).toBeUndefined();
    expect(removeCondition([other, ready], 'Ready')).toEqual([other]);
  });

  it('keeps lastTransitionTime while the status does not change, and takes now when it does', () => {
    expect(conditionTransitionTime(ready, 'True', now)).toBe('2026-01-01T00:00:00Z');
    expect(conditionTransitionTime(ready, 'False', now)).toBe('2026-01-02T00:00:00Z');
    expect(conditionTransitionTime(undefined, 'True', now, '2025-12-31T00:00:00Z')).toBe('2025-12-31T00:00:00Z');
  });
});

describe('setCondition (workload controllers)', () => {
  it('is a no-op for the same status and reason', () => {
    const list = [ready, other];
    expect(setCondition(list, { ...ready, message: 'new', lastTransitionTime: 'later' })).toEqual(list);
  });

  it('keeps lastTransitionTime for the same status and moves the condition last', () => {
    expect(setCondition([ready, other], { type: 'Ready', status: 'True', reason: 'B', lastTransitionTime: 'later' })).toEqual([other, { type: 'Ready', status: 'True', reason: 'B', lastTransitionTime: '2026-01-01T00:00:00Z' }]);
  });

  it('takes the new lastTransitionTime when the status changes', () => {
    expect(setCondition([ready], { type: 'Ready', status: 'False', reason: 'B', lastTransitionTime: 'later' })).toEqual([{ type: 'Ready', status: 'False', reason: 'B', lastTransitionTime: 'later' }]);
  });
});

describe('setStatusCondition (apimeta)', () => {
  it('replaces in place, keeping lastTransitionTime while the status holds', () => {
    const next = setStatusCondition([ready, other], { type: 'Ready', status: 'True', reason: 'B', message: 'm' }, now);
    expect(next).toEqual([{ type: 'Ready', status: 'True', reason: 'B', message: 'm', lastTransitionTime: '2026-01-01T00:00:00Z' }, other]);
  });

  it('stamps now on a status change and on a new condition', () => {
    expect(setStatusCondition([ready], { type: 'Ready', status: 'False' }, now)[0].lastTransitionTime).toBe('2026-01-02T00:00:00Z');
    expect(setStatusCondition([], { type: 'New', status: 'True' }, now)).toEqual([{ type: 'New', status: 'True', lastTransitionTime: '2026-01-02T00:00:00Z' }]);
  });
});
