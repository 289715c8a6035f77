import { createHash } from 'node:crypto';

/** How one priority level queues (upstream's PriorityLevelConfiguration `limited.limitResponse`). */
export interface QueuingConfig {
  /** Requests of this level served at once (the level's concurrency limit). */
  concurrencyLimit: number;
  /** 0: requests beyond the limit are rejected at once (upstream's `Reject`), else `Queue` with these many queues. */
  queues: number;
  /** Queues dealt to one flow by shuffle sharding. */
  handSize: number;
  /** Requests waiting in one queue at most. */
  queueLengthLimit: number;
  /** A request that waited this long in a queue is rejected (upstream: a quarter of the request timeout). */
  queueWaitMs: number;
}

interface Waiter {
  queue: Queue;
  admit: (release: () => void) => void;
  reject: (reason: RejectReason) => void;
  timer: NodeJS.Timeout;
}

interface Queue {
  index: number;
  waiting: Waiter[];
  executing: number;
}

/** Why a request was refused (the `reason` label of upstream's apiserver_flowcontrol_rejected_requests_total). */
export type RejectReason = 'queue-full' | 'concurrency-limit' | 'time-out';

/** Releases a seat; or, when the request is rejected (the caller answers 429), the reason. */
export type Seat = (() => void) | { rejected: RejectReason };

/** What upstream's queueset Dump reports of a level (the debug endpoint's dump_priority_levels). */
export interface QueueSetDigest {
  activeQueues: number;
  waiting: number;
  executing: number;
  dispatched: number;
  rejected: number;
  timedOut: number;
}

/**
 * The queues of one priority level, as upstream's fair queuing (`queueset`): a flow (one user, or one namespace)
 * is dealt a hand of queues by shuffle sharding and waits in the shortest of them; a freed seat goes to the
 * non-empty queue with the fewest requests executing (upstream orders by virtual finish time; with requests of
 * equal width this serves the flows in turn). So one flow's flood fills its own queues and is rejected there,
 * while another flow's requests, in other queues, are served at the next free seat.
 */
export class FairQueueSet {
  private readonly queues: Queue[];
  /** Each flow's hand (dealHand is a hash and a shuffle; a flow asks for its hand on every request). */
  private readonly hands = new Map<string, number[]>();
  private executing = 0;
  private cursor = 0;
  private dispatched = 0;
  private rejected = 0;
  private timedOut = 0;

  constructor(private readonly config: QueuingConfig) {
    this.queues = Array.from({ length: config.queues }, (_, index) => ({ index, waiting: [], executing: 0 }));
  }

  /** Waits for a seat for a request of the flow `flowKey`. */
  acquire(flowKey: string): Promise<Seat> {
    const noneWaiting = this.queues.every((queue) => queue.waiting.length === 0);
    if (this.executing < this.config.concurrencyLimit && noneWaiting) return Promise.resolve(this.seat(this.queues.length ? this.chooseQueue(flowKey) : undefined));
    if (!this.queues.length) return Promise.resolve(this.reject('concurrency-limit'));
    const queue = this.chooseQueue(flowKey);
    if (queue.waiting.length >= this.config.queueLengthLimit) return Promise.resolve(this.reject('queue-full'));
    return new Promise<Seat>((resolve) => {
      const waiter: Waiter = {
        queue,
        admit: (release) => resolve(release),
        reject: (reason) => resolve(this.reject(reason)),
        timer: setTimeout(() => {
          queue.waiting.splice(queue.waiting.indexOf(waiter), 1);
          this.timedOut++;
          waiter.reject('time-out');
        }, this.config.queueWaitMs),
      };
      waiter.timer.unref?.();
      queue.waiting.push(waiter);
    });
  }

  /** Requests executing and waiting now (for metrics and tests). */
  get load(): { executing: number; waiting: number } {
    return { executing: this.executing, waiting: this.queues.reduce((sum, queue) => sum + queue.waiting.length, 0) };
  }

  /** The counts since the set was made, for the debug endpoint. */
  digest(): QueueSetDigest {
    const { executing, waiting } = this.load;
    return { activeQueues: this.queues.filter((queue) => queue.waiting.length > 0).length, waiting, executing, dispatched: this.dispatched, rejected: this.rejected, timedOut: this.timedOut };
  }

  private reject(reason: RejectReason): Seat {
    this.rejected++;
    return { rejected: reason };
  }

  private seat(queue: Queue | undefined): () => void {
    this.executing++;
    this.dispatched++;
    if (queue) queue.executing++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.executing--;
      if (queue) queue.executing--;
      this.dispatch();
    };
  }

  private dispatch(): void {
    while (this.executing < this.config.concurrencyLimit) {
      const queue = this.nextQueue();
      const waiter = queue?.waiting.shift();
      if (!queue || !waiter) return;
      clearTimeout(waiter.timer);
      waiter.admit(this.seat(queue));
    }
  }

  /** The non-empty queue with the fewest executing, ties broken round-robin from the last served. */
  private nextQueue(): Queue | undefined {
    let best: Queue | undefined;
    for (let step = 1; step <= this.queues.length; step++) {
      const queue = this.queues[(this.cursor + step) % this.queues.length];
      if (queue.waiting.length && (!best || queue.executing < best.executing)) best = queue;
    }
    if (best) this.cursor = best.index;
    return best;
  }

  /** dealHand's answer for the flow, remembered for the `maxRememberedHands` flows asked about last. */
  private handOf(flowKey: string): number[] {
    let hand = this.hands.get(flowKey);
    if (hand) {
      this.hands.delete(flowKey);
    } else {
      hand = dealHand(flowKey, this.queues.length, Math.min(this.config.handSize, this.queues.length));
      if (this.hands.size >= maxRememberedHands) this.hands.delete(this.hands.keys().next().value!);
    }
    this.hands.set(flowKey, hand);
    return hand;
  }

  /** Shuffle sharding: the flow's hand of queues, and in it the one with the least work (waiting + executing). */
  private chooseQueue(flowKey: string): Queue {
    let best: Queue | undefined;
    for (const index of this.handOf(flowKey)) {
      const queue = this.queues[index];
      if (!best || queue.waiting.length + queue.executing < best.waiting.length + best.executing) best = queue;
    }
    return best as Queue;
  }
}

/** Flows whose hands a queue set remembers (a flow is a user or a namespace: 1,000 nodes are 1,000 flows). */
const maxRememberedHands = 4096;

/** Deals `handSize` distinct cards from a deck of `deckSize` by the flow's hash (upstream's shufflesharding.Dealer). */
export function dealHand(flowKey: string, deckSize: number, handSize: number): number[] {
  let remaining = createHash('sha256').update(flowKey).digest().readUIntBE(0, 6);
  const deck = Array.from({ length: deckSize }, (_, index) => index);
  const hand: number[] = [];
  for (let drawn = 0; drawn < handSize; drawn++) {
    const left = deckSize - drawn;
    hand.push(deck.splice(remaining % left, 1)[0]);
    remaining = Math.floor(remaining / left);
  }
  return hand;
}
