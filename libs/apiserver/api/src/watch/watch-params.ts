import { queryFlag } from '@drydock/kube';
import { StatusError } from '@drydock/util';

export interface WatchParams {
  /** The resourceVersion asked for (events after it, or with sendInitialEvents a state at least this new). */
  fromRevision?: number;
  /** No resourceVersion: the most recent state, read consistently (`0` is "any", what the cache holds). */
  mostRecent: boolean;
  sendInitialEvents: boolean;
  bookmarks: boolean;
  timeoutMs: number;
}

/** Upstream's minimum request timeout for watches is 1800 s, randomised up to twice that. */
function defaultTimeoutMs(): number {
  return (1800 + Math.floor(Math.random() * 1800)) * 1000;
}

/** 504 for a resourceVersion the cache has not reached in time (upstream's NewTooLargeResourceVersionError). */
export function tooLargeResourceVersion(requested: number, current: number): StatusError {
  return new StatusError(504, 'Timeout', `Too large resource version: ${BigInt(requested)}, current: ${current}`, { retryAfterSeconds: 1 });
}

const maxResourceVersion = 2n ** 64n - 1n;

/** A resourceVersion of digits must fit upstream's uint64 (strconv.ParseUint); a larger one is a 400, not a wait. */
export function assertResourceVersionInRange(rv: string): void {
  if (/^\d+$/.test(rv) && BigInt(rv) > maxResourceVersion) throw StatusError.badRequest(`invalid resource version: ${rv}`);
}

function invalid(field: string, value: string, detail: string): StatusError {
  return StatusError.invalid('', 'ListOptions', '', [{ type: 'FieldValueInvalid', field, value, detail }]);
}

export function parseWatchParams(query: URLSearchParams): WatchParams {
  const rv = query.get('resourceVersion') ?? '';
  const match = query.get('resourceVersionMatch') ?? '';
  const sendInitial = query.get('sendInitialEvents');
  const bookmarks = queryFlag(query, 'allowWatchBookmarks');
  if (rv !== '' && !/^\d+$/.test(rv)) throw StatusError.badRequest(`invalid resource version: ${rv}`);
  assertResourceVersionInRange(rv);
  if (sendInitial !== null) {
    if (match !== 'NotOlderThan') throw invalid('resourceVersionMatch', match, "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
    if (!bookmarks) throw invalid('allowWatchBookmarks', String(bookmarks), 'sendInitialEvents requires setting allowWatchBookmarks to true');
  } else if (match !== '') {
    throw invalid('resourceVersionMatch', match, 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided');
  }
  const initial = sendInitial !== null ? queryFlag(query, 'sendInitialEvents') : rv === '' || rv === '0';
  const timeout = query.get('timeoutSeconds');
  const timeoutMs = timeout && /^\d+$/.test(timeout) && Number(timeout) > 0 ? Number(timeout) * 1000 : defaultTimeoutMs();
  return { fromRevision: rv === '' || rv === '0' ? undefined : Number(rv), mostRecent: rv === '', sendInitialEvents: initial, bookmarks, timeoutMs };
}
