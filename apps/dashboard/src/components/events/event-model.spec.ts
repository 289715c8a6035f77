import { describe, expect, it } from '@jest/globals';
import { laneColours, matchesSearch, matchesServerFilter, mergeEvents, objectKey, timeGroup, type TimelineEvent } from './event-model';

type ObjectPatch = Pick<TimelineEvent['involvedObject'], 'kind' | 'namespace' | 'name'>;

function event(uid: string, at: string, patch: Partial<Omit<TimelineEvent, 'involvedObject'>> & { involvedObject?: ObjectPatch } = {}): TimelineEvent {
  const { involvedObject = { kind: 'Pod', namespace: 'default', name: 'web-7d9f8c-x2k4q' }, ...rest } = patch;
  return { uid, namespace: 'default', type: 'Normal', reason: 'Created', message: 'Created pod', count: 1, firstTimestamp: null, lastTimestamp: at, source: null, involvedObject: { apiVersion: null, uid: null, ...involvedObject }, ...rest };
}

describe('mergeEvents', () => {
  it('keeps newest first, replaces an event seen again and caps the list', () => {
    const current = [event('b', '2026-01-01T00:00:02Z'), event('a', '2026-01-01T00:00:01Z')];
    const merged = mergeEvents(current, [event('a', '2026-01-01T00:00:05Z', { count: 3 }), event('c', '2026-01-01T00:00:03Z')], 2);
    expect(merged.map((e) => e.uid)).toEqual(['a', 'c']);
    expect(merged[0].count).toBe(3);
  });
});

describe('matchesServerFilter with includeRelated', () => {
  const filter = { namespace: 'default', kind: 'Deployment', name: 'web', includeRelated: true };
  it('takes the workload, its ReplicaSets and their pods', () => {
    expect(matchesServerFilter(event('1', 'x', { involvedObject: { kind: 'Deployment', namespace: 'default', name: 'web' } }), filter)).toBe(true);
    expect(matchesServerFilter(event('2', 'x', { involvedObject: { kind: 'ReplicaSet', namespace: 'default', name: 'web-7d9f8c' } }), filter)).toBe(true);
    expect(matchesServerFilter(event('3', 'x'), filter)).toBe(true);
  });
  it('leaves out the pods of another workload whose name starts the same', () => {
    expect(matchesServerFilter(event('4', 'x', { involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-api-5d8f6c7b9-abcde' } }), filter)).toBe(false);
    expect(matchesServerFilter(event('5', 'x', { involvedObject: { kind: 'Deployment', namespace: 'default', name: 'web-api' } }), filter)).toBe(false);
  });
  it('leaves out events last seen before `since`', () => {
    expect(matchesServerFilter(event('8', '2026-01-01T00:00:00Z'), { since: '2026-01-01T00:01:00Z' })).toBe(false);
    expect(matchesServerFilter(event('9', '2026-01-01T00:02:00Z'), { since: '2026-01-01T00:01:00Z' })).toBe(true);
  });
  it('leaves out other namespaces and types', () => {
    expect(matchesServerFilter(event('6', 'x', { namespace: 'other' }), filter)).toBe(false);
    expect(matchesServerFilter(event('7', 'x', { type: 'Normal' }), { ...filter, type: 'Warning' })).toBe(false);
  });
});

describe('matchesSearch', () => {
  it('needs every word somewhere in reason, message, object or source', () => {
    const e = event('1', 'x', { reason: 'BackOff', message: 'Back-off pulling image "nginx:nope"', source: 'kubelet, node-2' });
    expect(matchesSearch(e, 'backoff node-2')).toBe(true);
    expect(matchesSearch(e, 'pod/web-7d9f8c')).toBe(true);
    expect(matchesSearch(e, 'backoff node-3')).toBe(false);
  });
});

describe('timeGroup', () => {
  it('groups recent events by minutes, older ones by hour', () => {
    const now = Date.parse('2026-01-01T12:30:00Z');
    expect(timeGroup(now - 30_000, now)).toBe('Last minute');
    expect(timeGroup(now - 4 * 60_000, now)).toBe('Last 5 minutes');
    expect(timeGroup(now - 40 * 60_000, now)).toBe('Last hour');
  });
});

describe('laneColours', () => {
  it('gives a pod its ReplicaSet colour, and the old and new ReplicaSets different ones', () => {
    const at = '2026-01-01T00:00:00Z';
    const events = [
      event('1', at, { involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-new111-aaaaa' } }),
      event('2', at, { involvedObject: { kind: 'ReplicaSet', namespace: 'default', name: 'web-new111' } }),
      event('3', at, { involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-old000-bbbbb' } }),
      event('4', at, { involvedObject: { kind: 'ReplicaSet', namespace: 'default', name: 'web-old000' } }),
      event('5', at, { involvedObject: { kind: 'Deployment', namespace: 'default', name: 'web' } }),
    ];
    const colours = laneColours(events);
    const colour = (i: number) => colours.get(objectKey(events[i]));
    expect(colour(0)).toBe(colour(1));
    expect(colour(2)).toBe(colour(3));
    expect(colour(0)).not.toBe(colour(2));
    expect(colour(4)).not.toBe(colour(0));
  });
});
