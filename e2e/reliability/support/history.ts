/**
 * What the traffic records (every request and response, every watch event) and the checks read.
 * Times are milliseconds from the scenario's start (performance.now()).
 */

/** ok: acknowledged; failed: definitely did not happen (409, 404, 422); unknown: may or may not have happened. */
export type Outcome = 'ok' | 'failed' | 'unknown';

export interface ObjectState {
  key: string;
  rv: number;
  /** The writer's token in data.v (each write writes a token of its own). */
  value: string;
}

export interface Operation {
  client: string;
  server: string;
  verb: 'create' | 'update' | 'delete' | 'get' | 'list';
  key?: string;
  start: number;
  end: number;
  status: number;
  outcome: Outcome;
  reason?: string;
  retryAfter?: string;
  /** Writes: the token written. */
  value?: string;
  /** The resourceVersion the update was conditioned on (compare-and-swap); absent: unconditional. */
  expectedRv?: number;
  /** create/update/delete: the object's revision in the response; get: the object read; list: the list's. */
  rv?: number;
  /** get: the value read. */
  read?: ObjectState;
  /** list: the items. */
  items?: ObjectState[];
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchedEvent {
  type: EventType;
  key: string;
  rv: number;
  value: string;
  at: number;
}

/** One informer-like chain: a list (or initial events), then watches resumed from the last revision until 410. */
export interface WatchSegment {
  client: string;
  server: string;
  /** The revision the chain starts after (the list's, or the initial-events-end bookmark's). */
  startRv: number;
  /** The list's items, or the initial ADDED events of a sendInitialEvents watch. */
  initial: ObjectState[];
  /** sendInitialEvents: the initial events came from the watch, ended by a bookmark at startRv. */
  streamed: boolean;
  events: WatchedEvent[];
  /** Each BOOKMARK: its revision and how many events had arrived before it. */
  bookmarks: { rv: number; afterEvents: number }[];
  /** Watches resumed from the last revision after a stream ended. */
  resumes: number;
  /** Why the chain ended: 410 (relist), a server that could not be reached, or the end of traffic. */
  end?: 'expired' | 'unreachable' | 'stopped';
}

export interface History {
  operations: Operation[];
  segments: WatchSegment[];
}

/** A broken promise, named after the property (etcd's robustness names where they exist). */
export interface Violation {
  check: string;
  detail: string;
}
