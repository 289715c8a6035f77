import { checkHistory, FinalState } from './history-checks';
import { History, Operation, WatchSegment } from './history';

/** The checks must be able to fail: each known kind of bug, planted in an otherwise clean history. */
const op = (fields: Partial<Operation> & Pick<Operation, 'verb' | 'start' | 'end'>): Operation => ({ client: 'w', server: 's', status: 200, outcome: 'ok', ...fields });
const segment = (fields: Partial<WatchSegment>): WatchSegment => ({ client: 'r', server: 's', startRv: 10, initial: [], streamed: false, events: [], bookmarks: [], resumes: 0, end: 'stopped', ...fields });

function cleanHistory(): { history: History; final: FinalState } {
  const operations = [
    op({ verb: 'create', key: 'a', value: 'setup-a', rv: 10, start: 0, end: 1, status: 201 }),
    op({ verb: 'update', key: 'a', value: 'w-1', expectedRv: 10, rv: 11, start: 2, end: 3 }),
    op({ verb: 'update', key: 'a', value: 'w-2', expectedRv: 11, rv: 12, start: 4, end: 5 }),
    op({ verb: 'get', key: 'a', rv: 12, read: { key: 'a', rv: 12, value: 'w-2' }, start: 6, end: 7 }),
    op({ verb: 'list', rv: 12, items: [{ key: 'a', rv: 12, value: 'w-2' }], start: 8, end: 9 }),
  ];
  const events = [
    { type: 'MODIFIED' as const, key: 'a', rv: 11, value: 'w-1', at: 3 },
    { type: 'MODIFIED' as const, key: 'a', rv: 12, value: 'w-2', at: 5 },
  ];
  return { history: { operations, segments: [segment({ events, bookmarks: [{ rv: 12, afterEvents: 2 }] })] }, final: { rv: 12, items: [{ key: 'a', rv: 12, value: 'w-2' }] } };
}

const checks = (history: History, final: FinalState) => checkHistory(history, final).violations.map((v) => v.check);

describe('the history checks', () => {
  it('find nothing wrong in a clean history, and count its watch events', () => {
    const { history, final } = cleanHistory();
    expect(checkHistory(history, final)).toEqual({ violations: [], eventsChecked: 3 });
  });

  it('find a watch that skipped a revision, one that repeated or reordered one, and an early bookmark', () => {
    const { history, final } = cleanHistory();
    history.segments.push(segment({ client: 'gap', events: [history.segments[0].events[1]] }));
    history.segments.push(segment({ client: 'twice', events: [history.segments[0].events[0], history.segments[0].events[0], history.segments[0].events[1]] }));
    history.segments.push(segment({ client: 'reordered', events: [history.segments[0].events[1], history.segments[0].events[0]] }));
    history.segments.push(segment({ client: 'early', events: [history.segments[0].events[0]], bookmarks: [{ rv: 12, afterEvents: 1 }] }));
    expect(checks(history, final).sort()).toEqual(['bookmarks never early', 'watch ordered', 'watch reliable', 'watch reliable', 'watch unique']);
  });

  it('find a lost update, a stale read, a write that took a revision below one acknowledged before it began, and a failed write that took effect', () => {
    const { history } = cleanHistory();
    history.operations.push(op({ verb: 'update', key: 'a', value: 'w-3', expectedRv: 11, rv: 13, start: 10, end: 11 }));
    history.operations.push(op({ verb: 'get', key: 'a', read: { key: 'a', rv: 11, value: 'w-1' }, start: 12, end: 13 }));
    history.operations.push(op({ verb: 'create', key: 'b', value: 'w-4', rv: 9, start: 14, end: 15, status: 201 }));
    history.operations.push(op({ verb: 'update', key: 'a', value: 'w-5', start: 16, end: 17, status: 409, outcome: 'failed', reason: 'Conflict' }));
    history.segments[0].events.push({ type: 'MODIFIED', key: 'a', rv: 13, value: 'w-3', at: 11 }, { type: 'MODIFIED', key: 'a', rv: 14, value: 'w-5', at: 18 });
    const found = checks(history, { rv: 14, items: [{ key: 'a', rv: 14, value: 'w-5' }, { key: 'b', rv: 9, value: 'w-4' }] });
    expect(found).toEqual(expect.arrayContaining(['linearizable', 'failed writes have no effect']));
    expect(found.filter((check) => check === 'linearizable')).toHaveLength(3);
  });

  it('find an acknowledged write lost after recovery and a revision that went back', () => {
    const { history } = cleanHistory();
    expect(checks(history, { rv: 11, items: [{ key: 'a', rv: 11, value: 'w-1' }] }).sort()).toEqual(['acknowledged writes survive', 'linearizable (search)', 'revisions never go back']);
    expect(checks(history, { rv: 12, items: [] })).toEqual(['linearizable (search)', 'acknowledged writes survive']);
  });

  it('find a request that hung and a failure a client would not retry', () => {
    const { history, final } = cleanHistory();
    history.operations.push(op({ verb: 'get', key: 'a', start: 20, end: 40, status: -1, outcome: 'unknown', reason: 'no answer' }));
    history.operations.push(op({ verb: 'update', key: 'a', value: 'w-9', start: 20, end: 21, status: 500, outcome: 'unknown', reason: 'InternalError' }));
    history.operations.push(op({ verb: 'update', key: 'a', value: 'w-10', start: 20, end: 21, status: 500, outcome: 'unknown', reason: 'ServerTimeout', retryAfter: '2' }));
    expect(checks(history, final)).toEqual(['never hangs', 'retryable errors']);
  });

  it('find initial events that do not match their initial-events-end bookmark', () => {
    const { history, final } = cleanHistory();
    history.segments.push(segment({ client: 'stream', streamed: true, startRv: 12, initial: [{ key: 'a', rv: 11, value: 'w-1' }] }));
    expect(checks(history, final)).toEqual(['bookmarks never early']);
  });
});
