import { describe, expect, it } from '@jest/globals';
import { groupSimilar, messageShape } from './event-grouping';
import type { TimelineEvent } from './event-model';

function killing(pod: string, node: string): TimelineEvent {
  return { uid: pod, namespace: 'default', type: 'Normal', reason: 'Scheduled', message: `Successfully assigned default/${pod} to ${node}`, count: 1, firstTimestamp: null, lastTimestamp: '2026-01-01T00:00:00Z', source: null, involvedObject: { apiVersion: null, kind: 'Pod', namespace: 'default', name: pod, uid: null } };
}

describe('groupSimilar', () => {
  it('collapses a run of the same event about sibling pods, whatever their names and nodes', () => {
    const events = ['a1b2c', 'd3e4f', 'g5h6i'].map((suffix, i) => killing(`bulk-584f765489-${suffix}`, `node-${i + 1}`));
    const items = groupSimilar(events, () => 'now');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'group', objects: 'pod/bulk-584f765489-*' });
  });

  it('gathers similar events interleaved with others, leaving the others in order', () => {
    const pods = ['aaaaa', 'bbbbb', 'ccccc'].map((s) => `web-1a2b3c-${s}`);
    const events = pods.flatMap((pod, i) => [killing(pod, `node-${i}`), { ...killing(pod, 'node-1'), uid: `${pod}-pulled`, reason: 'Pulled', message: `pulled for ${i}` }]);
    const items = groupSimilar(events, () => 'now');
    expect(items.map((i) => (i.kind === 'group' ? `group:${i.events.length}` : i.event.uid))).toEqual(['group:3', 'web-1a2b3c-aaaaa-pulled', 'web-1a2b3c-bbbbb-pulled', 'web-1a2b3c-ccccc-pulled']);
  });

  it('keeps short runs and different reasons as single events', () => {
    const events = [killing('web-1a2b3c-aaaaa', 'node-1'), killing('web-1a2b3c-bbbbb', 'node-2'), { ...killing('web-1a2b3c-ccccc', 'node-3'), reason: 'Pulled' }];
    expect(groupSimilar(events, () => 'now').map((i) => i.kind)).toEqual(['event', 'event', 'event']);
  });

  it('never groups across time headings', () => {
    const events = ['aaaaa', 'bbbbb', 'ccccc', 'ddddd'].map((s, i) => ({ ...killing(`x-1a2b-${s}`, 'node-1'), lastTimestamp: `2026-01-01T00:0${i}:00Z` }));
    const minute = (t: number) => String(new Date(t).getUTCMinutes() < 2);
    expect(groupSimilar(events, () => 'same')).toHaveLength(1);
    expect(groupSimilar(events, minute).map((i) => i.kind)).toEqual(['event', 'event', 'event', 'event']);
  });
});

describe('messageShape', () => {
  it('blanks the object name, pod-like names and node names', () => {
    expect(messageShape(killing('web-1a2b3c-aaaaa', 'node-2'))).toBe('Successfully assigned * to *');
  });
});
