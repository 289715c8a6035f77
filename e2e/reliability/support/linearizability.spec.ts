import { checkHistory } from './history-checks';
import { History, Operation } from './history';
import { checkLinearizable, Model } from './linearizability';
import { checkObjectLinearizability } from './object-linearizability';

/** A register: write(v) sets it, read returns it (porcupine's own first example). */
type RegisterInput = { write: number } | { read: number };
const register: Model<number, RegisterInput> = {
  init: 0,
  key: (state) => String(state),
  step: (state, input) => ('write' in input ? [input.write] : input.read === state ? [state] : []),
};

describe('the linearizability search (porcupine, Wing & Gong with Lowe\'s cache)', () => {
  it('accepts a read that overlaps a write and sees either value, in an order that respects real time', () => {
    const history = [
      { input: { write: 1 }, call: 0, ret: 100 },
      { input: { read: 0 }, call: 10, ret: 20 },
      { input: { read: 1 }, call: 30, ret: 40 },
    ];
    expect(checkLinearizable(register, history).ok).toBe(true);
  });

  it('rejects a read of the old value after another read saw the new one, though every read overlaps the write', () => {
    const history = [
      { input: { write: 1 }, call: 0, ret: 100 },
      { input: { read: 1 }, call: 10, ret: 20 },
      { input: { read: 0 }, call: 30, ret: 40 },
    ];
    expect(checkLinearizable(register, history)).toMatchObject({ ok: false, reason: 'illegal' });
  });

  it('places an operation that never returned (Infinity) anywhere after its call, or after everything', () => {
    const seen = [
      { input: { write: 2 }, call: 0, ret: Infinity },
      { input: { read: 0 }, call: 10, ret: 20 },
      { input: { read: 2 }, call: 30, ret: 40 },
    ];
    const never = [
      { input: { write: 2 }, call: 0, ret: Infinity },
      { input: { read: 0 }, call: 10, ret: 20 },
      { input: { read: 0 }, call: 30, ret: 40 },
    ];
    expect(checkLinearizable(register, seen).ok).toBe(true);
    expect(checkLinearizable(register, never).ok).toBe(true);
    // Not before its call.
    expect(checkLinearizable(register, [{ input: { read: 2 }, call: 0, ret: 5 }, { input: { write: 2 }, call: 10, ret: Infinity }]).ok).toBe(false);
  });

  it('gives up past its step budget instead of running for ever', () => {
    const writes = Array.from({ length: 40 }, (_, i) => ({ input: { write: i + 1 }, call: i, ret: 1000 }));
    expect(checkLinearizable(register, [...writes, { input: { read: -1 }, call: 2000, ret: 2001 }], 10_000)).toMatchObject({ ok: false, reason: 'budget' });
  });
});

const op = (fields: Partial<Operation> & Pick<Operation, 'verb' | 'start' | 'end'>): Operation => ({ client: 'w', server: 's', status: 200, outcome: 'ok', ...fields });

describe('single-object linearizability of a recorded Kubernetes history', () => {
  const base = (): Operation[] => [
    op({ client: 'setup', verb: 'create', key: 'a', value: 'setup-a', rv: 10, start: 0, end: 1, status: 201 }),
    op({ client: 'w1', verb: 'update', key: 'a', value: 'w1-1', expectedRv: 10, rv: 11, start: 2, end: 3 }),
  ];
  const revisions = (operations: Operation[], extra: [string, number][] = []) => new Map<string, number>([...operations.filter((o) => o.value && o.rv).map((o): [string, number] => [o.value!, o.rv!]), ...extra]);
  const search = (operations: Operation[], items: { key: string; rv: number; value: string }[], extra: [string, number][] = []) => checkObjectLinearizability({ operations, segments: [] }, { items }, revisions(operations, extra)).violations;

  it('accepts timed-out and failed requests that may or may not have happened, seen or not', () => {
    const operations = [
      ...base(),
      // Timed out (no answer): never seen, so it did not happen, or happened after everything.
      op({ client: 'w2', verb: 'update', key: 'a', value: 'w2-1', start: 4, end: 24, status: -1, outcome: 'unknown' }),
      // A 504 whose write did happen: a read and the final list see it.
      op({ client: 'w3', verb: 'update', key: 'a', value: 'w3-1', expectedRv: 11, start: 5, end: 7, status: 504, outcome: 'unknown', reason: 'Timeout' }),
      op({ client: 'r1', verb: 'get', key: 'a', read: { key: 'a', rv: 12, value: 'w3-1' }, start: 8, end: 9 }),
      // A delete answered 503 that happened, then a create that found the name free.
      op({ client: 'w4', verb: 'delete', key: 'a', start: 10, end: 11, status: 503, outcome: 'unknown', reason: 'ServiceUnavailable' }),
      op({ client: 'w5', verb: 'create', key: 'a', value: 'w5-1', rv: 14, start: 12, end: 13, status: 201 }),
      // A conditional update on a revision long gone: 409, did not happen.
      op({ client: 'w6', verb: 'update', key: 'a', value: 'w6-1', expectedRv: 10, start: 14, end: 15, status: 409, outcome: 'failed', reason: 'Conflict' }),
    ];
    expect(search(operations, [{ key: 'a', rv: 14, value: 'w5-1' }], [['w3-1', 12]])).toEqual([]);
  });

  it('rejects a read older than one another client finished before it began, which the revision-witness checks miss (no write was acknowledged between them)', () => {
    const operations = [
      ...base(),
      // Still in flight while both reads run (it answers after them).
      op({ client: 'w2', verb: 'update', key: 'a', value: 'w2-1', expectedRv: 11, rv: 12, start: 4, end: 30 }),
      op({ client: 'r1', verb: 'get', key: 'a', read: { key: 'a', rv: 12, value: 'w2-1' }, start: 5, end: 6 }),
      op({ client: 'r2', verb: 'get', key: 'a', read: { key: 'a', rv: 11, value: 'w1-1' }, start: 7, end: 8 }),
    ];
    const found = search(operations, [{ key: 'a', rv: 12, value: 'w2-1' }]);
    expect(found).toEqual([{ check: 'linearizable (search)', detail: expect.stringContaining("a: no order of the operations explains r2's get of w1-1 at 11") }]);
    // The revision-witness checks alone find nothing here; checkHistory now reports the search's finding.
    const history: History = { operations, segments: [] };
    expect(checkHistory(history, { rv: 12, items: [{ key: 'a', rv: 12, value: 'w2-1' }] }).violations.map((v) => v.check)).toEqual(['linearizable (search)']);
  });

  it('rejects a 404 for an object whose create was acknowledged before the get began, an AlreadyExists for one that is not there, and a CAS on a revision it is not at', () => {
    const notFound = [...base(), op({ client: 'r1', verb: 'get', key: 'a', start: 4, end: 5, status: 404, outcome: 'failed', reason: 'NotFound' })];
    expect(search(notFound, [{ key: 'a', rv: 11, value: 'w1-1' }]).map((v) => v.check)).toEqual(['linearizable (search)']);
    const exists = [op({ client: 'w1', verb: 'create', key: 'b', value: 'w1-1', start: 0, end: 1, status: 409, outcome: 'failed', reason: 'AlreadyExists' })];
    expect(search(exists, [])).toHaveLength(1);
    const cas = [...base(), op({ client: 'w2', verb: 'update', key: 'a', value: 'w2-1', expectedRv: 10, rv: 12, start: 4, end: 5 })];
    expect(search(cas, [{ key: 'a', rv: 12, value: 'w2-1' }])).toHaveLength(1);
  });
});
