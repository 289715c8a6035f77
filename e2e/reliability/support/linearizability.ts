/**
 * A linearizability checker after porcupine (github.com/anishathalye/porcupine, which etcd's robustness
 * tests use): Wing & Gong's search over the orders that respect real time, with Lowe's cache of
 * (operations linearized, state) pairs already explored. No maintained npm package does this.
 *
 * The model is nondeterministic: `step` returns every state an operation may leave (none: it cannot
 * happen in that state). The search keeps the set of possible states, as porcupine's
 * NondeterministicModel does, so an operation whose outcome is unknown (a 5xx, no answer) is one that
 * may or may not have taken effect; give it the return time Infinity, as etcd does, and it may be
 * placed anywhere after its call, or after everything (where it changes nothing anyone saw).
 */

export interface Model<State, Input> {
  init: State;
  /** Every state `input` may leave `state` in; empty: it cannot have happened in that state. */
  step(state: State, input: Input): State[];
  /** Equal states have equal keys (the cache and the deduplication of possible states use it). */
  key(state: State): string;
  describe?(input: Input): string;
}

export interface TimedOperation<Input> {
  input: Input;
  call: number;
  /** Infinity when the answer never came or did not say whether it happened. */
  ret: number;
}

export type LinearizabilityResult = { ok: true; steps: number } | { ok: false; steps: number; reason: 'illegal' | 'budget'; detail: string };

interface Entry {
  op: number;
  call: boolean;
  time: number;
  prev: Entry | undefined;
  next: Entry | undefined;
  /** A call's return entry. */
  match?: Entry;
}

/** Checks one object's history. `budget` bounds the search's steps (porcupine's timeout): past it the answer is 'budget'. */
export function checkLinearizable<State, Input>(model: Model<State, Input>, operations: TimedOperation<Input>[], budget = 5_000_000): LinearizabilityResult {
  const head = buildEntries(operations);
  const n = operations.length;
  const linearized = new Uint32Array(Math.ceil(n / 32) || 1);
  const cache = new Map<string, Set<string>>();
  const calls: { entry: Entry; states: State[] }[] = [];
  let states = [model.init];
  let entry = head.next;
  let steps = 0;
  let deepest = 0;
  let stuckAt: Entry | undefined;
  while (head.next) {
    if (++steps > budget) return { ok: false, steps, reason: 'budget', detail: `search gave up after ${budget} steps with ${calls.length} of ${n} operations linearized` };
    // The list always ends with a return (every call's return follows it), which backtracks: never reached.
    if (!entry) throw new Error('linearizability search ran off the end of its entries');
    if (entry.call) {
      const next = possible(model, states, operations[entry.op].input);
      if (next.length > 0) {
        linearized[entry.op >> 5] |= 1 << (entry.op & 31);
        const bits = linearized.join(',');
        const stateKey = next.map(model.key).sort().join('|');
        let seen = cache.get(bits);
        if (!seen) cache.set(bits, (seen = new Set()));
        if (!seen.has(stateKey)) {
          seen.add(stateKey);
          calls.push({ entry, states });
          states = next;
          lift(entry);
          if (calls.length > deepest) deepest = calls.length;
          entry = head.next;
          continue;
        }
        linearized[entry.op >> 5] &= ~(1 << (entry.op & 31));
      }
      entry = entry.next;
    } else {
      // A return whose call could not be placed before it: undo the last placement and try the next candidate.
      if (calls.length === deepest) stuckAt = entry;
      const top = calls.pop();
      if (!top) return { ok: false, steps, reason: 'illegal', detail: stuckDetail(model, operations, stuckAt ?? entry) };
      states = top.states;
      linearized[top.entry.op >> 5] &= ~(1 << (top.entry.op & 31));
      unlift(top.entry);
      entry = top.entry.next;
    }
  }
  return { ok: true, steps };
}

function possible<State, Input>(model: Model<State, Input>, states: State[], input: Input): State[] {
  const next = new Map<string, State>();
  for (const state of states) for (const after of model.step(state, input)) next.set(model.key(after), after);
  return [...next.values()];
}

function stuckDetail<State, Input>(model: Model<State, Input>, operations: TimedOperation<Input>[], at: Entry): string {
  const op = operations[at.op];
  const describe = model.describe ?? ((input: Input) => JSON.stringify(input));
  return `no order of the operations explains ${describe(op.input)} (called at ${op.call.toFixed(0)} ms, answered at ${op.ret.toFixed(0)} ms) with what came before it`;
}

/** Calls and returns in time order (a call before a return at the same time: they overlap), as a doubly linked list after a sentinel head. */
function buildEntries<Input>(operations: TimedOperation<Input>[]): Entry {
  const entries: Entry[] = [];
  operations.forEach((op, index) => {
    const call: Entry = { op: index, call: true, time: op.call, prev: undefined, next: undefined };
    const ret: Entry = { op: index, call: false, time: op.ret, prev: undefined, next: undefined };
    call.match = ret;
    entries.push(call, ret);
  });
  entries.sort((a, b) => a.time - b.time || (a.call === b.call ? 0 : a.call ? -1 : 1));
  const head: Entry = { op: -1, call: false, time: -Infinity, prev: undefined, next: undefined };
  let last = head;
  for (const entry of entries) {
    last.next = entry;
    entry.prev = last;
    last = entry;
  }
  return head;
}

/** Takes a call and its return out of the list (the operation is placed). */
function lift(call: Entry): void {
  call.prev!.next = call.next;
  if (call.next) call.next.prev = call.prev;
  const ret = call.match!;
  ret.prev!.next = ret.next;
  if (ret.next) ret.next.prev = ret.prev;
}

/** Puts them back, in the reverse order. */
function unlift(call: Entry): void {
  const ret = call.match!;
  ret.prev!.next = ret;
  if (ret.next) ret.next.prev = ret;
  call.prev!.next = call;
  if (call.next) call.next.prev = call;
}
