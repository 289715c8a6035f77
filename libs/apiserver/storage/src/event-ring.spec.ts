import { EventRing } from './event-ring';
import type { ChangeEvent } from './store.types';

function event(revision: number): ChangeEvent {
  return { revision, type: 'ADDED', key: { cluster: 'c', resource: 'r', namespace: 'n', name: `o${revision}` }, object: { metadata: {} } };
}

describe('EventRing', () => {
  it('holds consecutive revisions after its start and returns those after a revision', () => {
    const ring = new EventRing(10);
    for (let r = 11; r <= 15; r++) ring.push(event(r), 0);
    expect(ring.latest).toBe(15);
    expect(ring.after(12).map((e) => e.revision)).toEqual([13, 14, 15]);
    expect(ring.after(10)).toHaveLength(5);
    expect(ring.after(15)).toEqual([]);
  });

  it('rejects an event that is not the next revision', () => {
    const ring = new EventRing(10);
    expect(() => ring.push(event(12), 0)).toThrow(/expected revision 11/);
  });

  it('keeps events younger than minAgeMs and at least minEvents, evicting the rest', () => {
    const ring = new EventRing(0, { minAgeMs: 1000, minEvents: 2, maxEvents: 100 });
    for (let r = 1; r <= 5; r++) ring.push(event(r), r * 100);
    ring.evict(1250); // events at 100 and 200 are older than 1000 ms
    expect(ring.floor).toBe(2);
    expect(ring.covers(1)).toBe(false);
    expect(ring.covers(2)).toBe(true);
    ring.evict(10_000); // all old: minEvents remain
    expect(ring.size).toBe(2);
    expect(ring.after(ring.floor).map((e) => e.revision)).toEqual([4, 5]);
  });

  it('never holds more than maxEvents, however young', () => {
    const ring = new EventRing(0, { minAgeMs: 60_000, minEvents: 1, maxEvents: 3 });
    for (let r = 1; r <= 10; r++) ring.push(event(r), 0);
    ring.evict(0);
    expect(ring.size).toBe(3);
    expect(ring.floor).toBe(7);
    expect(() => ring.after(6)).toThrow(/older than 7/);
  });

  it('stays correct across the internal compaction of its array', () => {
    const ring = new EventRing(0, { minAgeMs: 0, minEvents: 10, maxEvents: 10 });
    for (let r = 1; r <= 5000; r++) {
      ring.push(event(r), 0);
      ring.evict(1);
    }
    expect(ring.after(4995).map((e) => e.revision)).toEqual([4996, 4997, 4998, 4999, 5000]);
    expect(ring.floor).toBe(4990);
  });
});
