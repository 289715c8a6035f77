import { History, ObjectState, Operation, Violation } from './history';
import { checkLinearizable, Model, TimedOperation } from './linearizability';

/**
 * The single-object operations of a recorded history, checked key by key with the porcupine-style
 * search (linearizability.ts) against a model of one Kubernetes object: absent, or present with a
 * value at a revision. Creates need it absent, updates present (a conditional update: at exactly the
 * revision it names), deletes present; a write's revision is above the object's; a consistent get or
 * a consistent list (each key of it) returns the state as it is. Answers that say the write did not
 * happen still say something: 409 AlreadyExists means the object was there, 404 that it was not, a
 * conditional update's 409 Conflict that it was not at that revision. A request answered 5xx or never
 * is given the return time Infinity and may have taken effect or not. The final consistent list after
 * recovery is one more read, after everything that was answered.
 */

interface ObjectModelState {
  exists: boolean;
  value: string;
  /** The revision of the object's last write; undefined when that write's revision was never seen. */
  rv: number | undefined;
}

type ObjectInput =
  | { verb: 'create' | 'update'; outcome: Operation['outcome']; status: number; value: string; expectedRv?: number; rv?: number; client: string }
  | { verb: 'delete'; outcome: Operation['outcome']; status: number; value?: string; client: string }
  | { verb: 'read'; present?: ObjectState; client: string; source: string };

const absent: ObjectModelState = { exists: false, value: '', rv: 0 };

const newer = (state: ObjectModelState, rv: number | undefined) => rv === undefined || state.rv === undefined || rv > state.rv;

function objectModel(revisionOfValue: Map<string, number>): Model<ObjectModelState, ObjectInput> {
  return {
    init: absent,
    key: (state) => (state.exists ? `${state.value}@${state.rv}` : `absent@${state.rv}`),
    describe: (input) =>
      input.verb === 'read'
        ? `${input.client}'s ${input.source} ${input.present ? `of ${input.present.value} at ${input.present.rv}` : 'of nothing'}`
        : `${input.client}'s ${input.verb}${'value' in input && input.value ? ` ${input.value}` : ''}${'expectedRv' in input && input.expectedRv ? ` at ${input.expectedRv}` : ''} (${input.status} ${input.outcome})`,
    step: (state, input) => {
      if (input.verb === 'read') {
        if (!input.present) return state.exists ? [] : [state];
        return state.exists && state.value === input.present.value && state.rv === input.present.rv ? [state] : [];
      }
      if (input.verb === 'delete') {
        const applied = { exists: false, value: '', rv: state.rv };
        const applies = state.exists && (input.value === undefined || input.value === state.value);
        if (input.outcome === 'ok') return applies ? [applied] : [];
        if (input.outcome === 'failed') return input.status === 404 ? (state.exists ? [] : [state]) : [state];
        return applies ? [state, applied] : [state];
      }
      const precondition = input.verb === 'create' ? !state.exists : state.exists && (input.expectedRv === undefined || state.rv === input.expectedRv);
      if (input.outcome === 'ok') return precondition && newer(state, input.rv) ? [{ exists: true, value: input.value, rv: input.rv }] : [];
      if (input.outcome === 'failed') {
        if (input.status === 404) return state.exists ? [] : [state];
        // A conditional update's 409 is its Conflict, a create's AlreadyExists; other 409s (too many retries) say nothing.
        if (input.status === 409 && (input.verb === 'create' || input.expectedRv !== undefined)) return precondition ? [] : [state];
        return [state];
      }
      return precondition ? [state, { exists: true, value: input.value, rv: revisionOfValue.get(input.value) }] : [state];
    },
  };
}

/** Each key's operations, as the checker takes them. */
export function objectHistories(history: History, final: { items: ObjectState[] }): Map<string, TimedOperation<ObjectInput>[]> {
  const byKey = new Map<string, TimedOperation<ObjectInput>[]>();
  const add = (key: string, op: TimedOperation<ObjectInput>) => {
    let ops = byKey.get(key);
    if (!ops) byKey.set(key, (ops = []));
    ops.push(op);
  };
  let lastAnswer = 0;
  for (const op of history.operations) {
    const ret = op.outcome === 'unknown' ? Infinity : op.end;
    if (op.outcome !== 'unknown') lastAnswer = Math.max(lastAnswer, op.end);
    if (op.verb === 'create' || op.verb === 'update') {
      add(op.key!, { call: op.start, ret, input: { verb: op.verb, outcome: op.outcome, status: op.status, value: op.value!, expectedRv: op.expectedRv, rv: op.rv, client: op.client } });
    } else if (op.verb === 'delete') {
      add(op.key!, { call: op.start, ret, input: { verb: 'delete', outcome: op.outcome, status: op.status, value: op.value, client: op.client } });
    } else if (op.verb === 'get' && (op.outcome === 'ok' || op.status === 404)) {
      add(op.key!, { call: op.start, ret: op.end, input: { verb: 'read', present: op.outcome === 'ok' ? op.read : undefined, client: op.client, source: 'get' } });
    }
  }
  const keys = [...byKey.keys()];
  for (const op of history.operations) {
    if (op.verb !== 'list' || op.outcome !== 'ok') continue;
    const items = new Map((op.items ?? []).map((item) => [item.key, item]));
    for (const key of keys) add(key, { call: op.start, ret: op.end, input: { verb: 'read', present: items.get(key), client: op.client, source: `list at ${op.rv}` } });
  }
  const items = new Map(final.items.map((item) => [item.key, item]));
  for (const key of keys) add(key, { call: lastAnswer + 1, ret: Infinity, input: { verb: 'read', present: items.get(key), client: 'final', source: 'list after recovery' } });
  return byKey;
}

/** Violations of single-object linearizability found by the search ('linearizable (search)'), one per key at most. */
export function checkObjectLinearizability(history: History, final: { items: ObjectState[] }, revisionOfValue: Map<string, number>): { violations: Violation[]; operations: number } {
  const violations: Violation[] = [];
  const model = objectModel(revisionOfValue);
  let operations = 0;
  for (const [key, ops] of objectHistories(history, final)) {
    operations += ops.length;
    const result = checkLinearizable(model, ops);
    if (!result.ok) violations.push({ check: 'linearizable (search)', detail: `${key}: ${result.detail}` });
  }
  return { violations, operations };
}
