import { History, ObjectState, Operation, Violation, WatchSegment } from './history';
import { checkObjectLinearizability } from './object-linearizability';

/**
 * The checks of a recorded history (etcd's robustness validation, for Kubernetes objects): every
 * observation of a revision agrees; single-object operations are linearizable against the revision
 * order; revisions never go back; every watch is ordered, unique, reliable, with bookmarks never early;
 * every acknowledged write is present after recovery; no request hangs and every failure is retryable.
 *
 * Linearizability is checked twice. 'linearizable' uses the revision as the witness of the order:
 * every successful write reports the revision it took, and revisions are one total order, so the
 * history is linearizable when that order respects real time, each compare-and-swap's base is the
 * revision just before it, no read returns a state older than one already acknowledged before it
 * began or newer than a write that had not begun, and no write that failed is ever seen (pointed
 * messages). 'linearizable (search)' does not trust the revisions for the order: porcupine's search
 * over every order of each object's operations that respects real time (object-linearizability.ts),
 * which also finds a read older than another read that ended before it began. Requests that failed or
 * timed out may or may not have happened: their values may be seen, once.
 */

interface Entry {
  key: string;
  type: 'put' | 'delete';
  value: string;
  /** When it was first observed (or acknowledged). */
  seen: number;
  source: string;
}

/** The state a consistent list returned after recovery. */
export interface FinalState {
  rv: number;
  items: ObjectState[];
}

export interface CheckResult {
  violations: Violation[];
  eventsChecked: number;
}

const retryableReasons = new Set(['ServerTimeout', 'ServiceUnavailable', 'Timeout', 'TooManyRequests']);

export function checkHistory(history: History, final: FinalState): CheckResult {
  const checker = new HistoryChecker(history);
  checker.observe(final);
  return checker.run(final);
}

class HistoryChecker {
  private readonly violations: Violation[] = [];
  private readonly byRv = new Map<number, Entry>();
  private readonly writesByValue = new Map<string, Operation>();
  private readonly revisionsOfValue = new Map<string, number>();
  private readonly operations: Operation[];

  constructor(private readonly history: History) {
    this.operations = history.operations;
    for (const op of this.operations) if ((op.verb === 'create' || op.verb === 'update') && op.value) this.writesByValue.set(op.value, op);
  }

  private violate(check: string, detail: string): void {
    if (this.violations.filter((v) => v.check === check).length < 20) this.violations.push({ check, detail });
    else if (!this.violations.some((v) => v.check === check && v.detail === '...')) this.violations.push({ check, detail: '...' });
  }

  /** Every revision is one write of one object: all who saw it must agree on what it was. */
  private add(rv: number, entry: Entry): void {
    const known = this.byRv.get(rv);
    if (known) {
      if (known.key !== entry.key || known.type !== entry.type || known.value !== entry.value) {
        this.violate('consistent', `revision ${rv} is ${known.type} ${known.key}=${known.value} for ${known.source} but ${entry.type} ${entry.key}=${entry.value} for ${entry.source}`);
      }
      known.seen = Math.min(known.seen, entry.seen);
      return;
    }
    this.byRv.set(rv, entry);
    if (entry.type === 'put') {
      const other = this.revisionsOfValue.get(entry.value);
      if (other !== undefined && other !== rv) this.violate('write applied once', `${entry.key}=${entry.value} was written at revisions ${other} and ${rv}`);
      this.revisionsOfValue.set(entry.value, rv);
    }
  }

  observe(final: FinalState): void {
    for (const op of this.operations) {
      if (op.outcome !== 'ok') continue;
      const source = `${op.client} ${op.verb}`;
      if ((op.verb === 'create' || op.verb === 'update') && op.rv) this.add(op.rv, { key: op.key!, type: 'put', value: op.value!, seen: op.end, source });
      if (op.verb === 'get' && op.read) this.add(op.read.rv, { key: op.read.key, type: 'put', value: op.read.value, seen: op.end, source });
      for (const item of op.items ?? []) this.add(item.rv, { key: item.key, type: 'put', value: item.value, seen: op.end, source });
    }
    for (const segment of this.history.segments) {
      for (const item of segment.initial) this.add(item.rv, { key: item.key, type: 'put', value: item.value, seen: Infinity, source: `${segment.client} initial` });
      for (const event of segment.events) this.add(event.rv, { key: event.key, type: event.type === 'DELETED' ? 'delete' : 'put', value: event.value, seen: event.at, source: `${segment.client} watch` });
    }
    for (const item of final.items) this.add(item.rv, { key: item.key, type: 'put', value: item.value, seen: Infinity, source: 'final list' });
  }

  run(final: FinalState): CheckResult {
    this.checkProvenance();
    this.checkRealTimeOrder();
    this.checkCompareAndSwap();
    this.checkReads();
    this.violations.push(...checkObjectLinearizability(this.history, final, this.revisionsOfValue).violations);
    this.checkFinal(final);
    this.checkRequests();
    let eventsChecked = 0;
    for (const segment of this.history.segments) eventsChecked += this.checkWatch(segment);
    return { violations: this.violations, eventsChecked };
  }

  /** Every value seen was written by a write that did not fail, and was not seen before that write began. */
  private checkProvenance(): void {
    for (const [rv, entry] of this.byRv) {
      if (entry.type !== 'put' || entry.value.startsWith('setup-') || !entry.value.includes('-')) continue;
      const writer = this.writesByValue.get(entry.value);
      if (!writer) this.violate('no phantom values', `revision ${rv}: ${entry.key}=${entry.value} was never written`);
      else if (writer.outcome === 'failed') this.violate('failed writes have no effect', `revision ${rv}: ${entry.key}=${entry.value} was answered ${writer.status} ${writer.reason}`);
      else if (writer.key !== entry.key) this.violate('consistent', `revision ${rv}: ${entry.value} was written to ${writer.key}, seen on ${entry.key}`);
      else if (entry.seen < writer.start) this.violate('linearizable', `revision ${rv}: ${entry.key}=${entry.value} seen at ${entry.seen.toFixed(0)} ms, before its write began at ${writer.start.toFixed(0)} ms`);
    }
  }

  /** Strict serializability of revisions: a write acknowledged before another began has a lower revision. */
  private checkRealTimeOrder(): void {
    const writes = this.operations.filter((op) => op.outcome === 'ok' && op.rv && (op.verb === 'create' || op.verb === 'update'));
    const byEnd = [...writes].sort((a, b) => a.end - b.end);
    const byStart = [...writes].sort((a, b) => a.start - b.start);
    let ended = 0;
    let highest: Operation | undefined;
    for (const op of byStart) {
      while (ended < byEnd.length && byEnd[ended].end < op.start) {
        if (!highest || byEnd[ended].rv! > highest.rv!) highest = byEnd[ended];
        ended += 1;
      }
      if (highest && op.rv! <= highest.rv!) this.violate('linearizable', `${op.client} ${op.verb} ${op.key} began after ${highest.client}'s write at revision ${highest.rv} was acknowledged, yet took revision ${op.rv}`);
    }
  }

  private entriesOf(key: string): [number, Entry][] {
    return [...this.byRv].filter(([, entry]) => entry.key === key).sort((a, b) => a[0] - b[0]);
  }

  /** Whether a delete (or create) of `key` that did not fail overlaps the time after `after`. */
  private mayHave(verb: 'delete' | 'create', key: string, after: number, before = Infinity): boolean {
    return this.operations.some((op) => op.verb === verb && op.key === key && op.outcome !== 'failed' && op.end > after && op.start < before);
  }

  /** A conditional update's base is the revision right before it; updates need an object, creates need none. */
  private checkCompareAndSwap(): void {
    const chains = new Map<string, [number, Entry][]>();
    for (const op of this.operations) {
      if (op.outcome !== 'ok' || !op.rv || (op.verb !== 'update' && op.verb !== 'create')) continue;
      let chain = chains.get(op.key!);
      if (!chain) chains.set(op.key!, (chain = this.entriesOf(op.key!)));
      const before = chain.filter(([rv]) => rv < op.rv!).pop();
      if (op.verb === 'update' && op.expectedRv !== undefined && before && before[0] > op.expectedRv) {
        this.violate('linearizable', `lost update: ${op.client}'s update of ${op.key} based on revision ${op.expectedRv} succeeded at ${op.rv}, but ${op.key} was written at ${before[0]} in between`);
      }
      if (!before) continue;
      const writer = this.writesByValue.get(before[1].value);
      const since = writer?.start ?? 0;
      if (op.verb === 'update' && before[1].type === 'delete' && !this.mayHave('create', op.key!, since, op.end)) {
        this.violate('linearizable', `${op.client} updated ${op.key} at ${op.rv} after its deletion at ${before[0]}`);
      }
      if (op.verb === 'create' && before[1].type === 'put' && !this.mayHave('delete', op.key!, since, op.end)) {
        this.violate('linearizable', `${op.client} created ${op.key} at ${op.rv} over ${before[1].value} at ${before[0]}`);
      }
    }
  }

  /** The latest acknowledged write (by revision) to `key` that ended before `time`. */
  private lastAcknowledged(key: string | undefined, time: number): Operation | undefined {
    let last: Operation | undefined;
    for (const op of this.operations) {
      if (op.outcome !== 'ok' || !op.rv || op.end >= time || (op.verb !== 'create' && op.verb !== 'update')) continue;
      if (key !== undefined && op.key !== key) continue;
      if (!last || op.rv > last.rv!) last = op;
    }
    return last;
  }

  /** Consistent reads see every write acknowledged before they began; lists' revisions never go back. */
  private checkReads(): void {
    const lists = this.operations.filter((op) => op.verb === 'list' && op.outcome === 'ok');
    for (const op of this.operations) {
      if (op.verb === 'get' && op.outcome === 'ok' && op.read) {
        const last = this.lastAcknowledged(op.key, op.start);
        if (last && op.read.rv < last.rv!) this.violate('linearizable', `stale read: ${op.client} read ${op.key} at revision ${op.read.rv} after ${last.client}'s write at ${last.rv} was acknowledged`);
      }
      if (op.verb === 'get' && op.status === 404) {
        const last = this.lastAcknowledged(op.key, op.start);
        if (last && !this.mayHave('delete', op.key!, last.start, op.end)) this.violate('linearizable', `stale 404: ${op.key} not found after ${last.client}'s write at ${last.rv} was acknowledged, with no delete since`);
      }
    }
    for (const list of lists) {
      const last = this.lastAcknowledged(undefined, list.start);
      if (last && list.rv! < last.rv!) this.violate('revisions never go back', `${list.client}'s list at revision ${list.rv} began after a write at ${last.rv} was acknowledged`);
      for (const earlier of lists) {
        if (earlier.end < list.start && earlier.rv! > list.rv!) {
          this.violate('revisions never go back', `${list.client}'s list at ${list.rv} (from ${list.server}) began after ${earlier.client}'s list at ${earlier.rv} ended`);
          break;
        }
      }
    }
  }

  /** After recovery: no acknowledged write is lost, no acknowledged delete undone, and the revision is not behind. */
  private checkFinal(final: FinalState): void {
    const highest = Math.max(0, ...this.operations.filter((op) => op.outcome === 'ok' && op.rv).map((op) => op.rv!));
    if (final.rv < highest) this.violate('revisions never go back', `after recovery the revision is ${final.rv}, below the acknowledged ${highest}`);
    const items = new Map(final.items.map((item) => [item.key, item]));
    const keys = new Set(this.operations.filter((op) => op.key).map((op) => op.key!));
    for (const key of keys) {
      const last = this.lastAcknowledged(key, Infinity);
      const item = items.get(key);
      if (last && item && item.rv < last.rv!) this.violate('acknowledged writes survive', `${key} is at revision ${item.rv} after recovery, below its acknowledged write ${last.value} at ${last.rv}`);
      if (last && !item && !this.mayHave('delete', key, last.start)) this.violate('acknowledged writes survive', `${key} is gone after recovery, though ${last.value} was acknowledged at ${last.rv} and nothing deleted it`);
      if (item) {
        const writer = this.writesByValue.get(item.value);
        const deleted = this.operations.find((op) => op.verb === 'delete' && op.key === key && op.outcome === 'ok' && writer && writer.end < op.start && !this.mayHave('create', key, op.start));
        if (deleted) this.violate('acknowledged writes survive', `${key}=${item.value} is back after ${deleted.client}'s acknowledged delete`);
      }
    }
  }

  /** Nothing hangs; every failure while something is down is one a client retries. */
  private checkRequests(): void {
    for (const op of this.operations) {
      if (op.status === -1) this.violate('never hangs', `${op.client} ${op.verb} ${op.key ?? ''} got no answer (${op.reason})`);
      if (op.status >= 500 && !retryableReasons.has(op.reason ?? '')) this.violate('retryable errors', `${op.client} ${op.verb} ${op.key ?? ''}: ${op.status} ${op.reason}`);
      if (op.status === 500 && op.reason === 'ServerTimeout' && !op.retryAfter) this.violate('retryable errors', `${op.client} ${op.verb}: ServerTimeout without Retry-After`);
    }
  }

  /** Ordered, unique, reliable (every known revision of the collection in its span), bookmarks never early. */
  private checkWatch(segment: WatchSegment): number {
    if (segment.streamed && segment.startRv === 0) return 0;
    let previous = segment.startRv;
    const received = new Set<number>();
    for (const event of segment.events) {
      if (event.rv === previous || received.has(event.rv)) this.violate('watch unique', `${segment.client} (${segment.server}) got revision ${event.rv} twice`);
      else if (event.rv < previous) this.violate('watch ordered', `${segment.client} (${segment.server}) got revision ${event.rv} after ${previous}`);
      received.add(event.rv);
      previous = Math.max(previous, event.rv);
    }
    const lastRv = Math.max(previous, ...segment.bookmarks.map((b) => b.rv));
    const missed = [...this.byRv.keys()].filter((rv) => rv > segment.startRv && rv <= lastRv && !received.has(rv)).sort((a, b) => a - b);
    if (missed.length) this.violate('watch reliable', `${segment.client} (${segment.server}) watching after ${segment.startRv} missed revisions ${missed.slice(0, 5).join(', ')}${missed.length > 5 ? ` and ${missed.length - 5} more` : ''}`);
    for (const bookmark of segment.bookmarks) {
      const before = new Set(segment.events.slice(0, bookmark.afterEvents).map((e) => e.rv));
      const early = [...this.byRv.keys()].filter((rv) => rv > segment.startRv && rv <= bookmark.rv && !before.has(rv));
      if (early.length) this.violate('bookmarks never early', `${segment.client}'s bookmark at ${bookmark.rv} came before revision ${early[0]}`);
    }
    if (segment.streamed) this.checkInitialEvents(segment);
    return segment.events.length + segment.bookmarks.length + segment.initial.length;
  }

  /** sendInitialEvents: the initial ADDED events are the collection as of the initial-events-end bookmark. */
  private checkInitialEvents(segment: WatchSegment): void {
    const initial = new Map(segment.initial.map((item) => [item.key, item]));
    for (const item of segment.initial) {
      if (item.rv > segment.startRv) this.violate('bookmarks never early', `${segment.client}'s initial ${item.key} at ${item.rv} is newer than its bookmark ${segment.startRv}`);
    }
    const keys = new Set([...this.byRv.values()].map((entry) => entry.key));
    for (const key of keys) {
      const latest = this.entriesOf(key).filter(([rv]) => rv <= segment.startRv).pop();
      if (!latest) continue;
      const item = initial.get(key);
      if (latest[1].type === 'put' && item && item.rv < latest[0]) this.violate('bookmarks never early', `${segment.client}'s initial ${key} is at ${item.rv}, but it was written at ${latest[0]} before its bookmark ${segment.startRv}`);
      if (latest[1].type === 'put' && !item && !this.mayHave('delete', key, this.writesByValue.get(latest[1].value)?.start ?? 0)) this.violate('bookmarks never early', `${segment.client}'s initial events at ${segment.startRv} lack ${key} (written at ${latest[0]})`);
      if (latest[1].type === 'delete' && item && item.rv <= latest[0]) this.violate('bookmarks never early', `${segment.client}'s initial events at ${segment.startRv} hold ${key}, deleted at ${latest[0]}`);
    }
  }
}
