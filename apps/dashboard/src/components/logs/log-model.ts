/** Log lines as the viewers hold them: a capped buffer, numbered so React can key them. */
import type { LogLineFieldsFragment } from '@/lib/graphql-types.generated';

export type LogLine = LogLineFieldsFragment;
export interface BufferedLine extends LogLine {
  seq: number;
}

/** Lines kept per view; older ones are dropped (and counted) as new ones stream in. */
export const LOG_BUFFER = 5000;

export const LOG_LINE_FIELDS = /* GraphQL */ `fragment LogLineFields on LogLine { pod container timestamp line }`;

export interface LogBuffer {
  lines: BufferedLine[];
  dropped: number;
  next: number;
}
export const emptyBuffer: LogBuffer = { lines: [], dropped: 0, next: 0 };

/**
 * Appends a batch (one state update per batch), keeping the newest `cap` lines. With `byTime` (lines merged
 * from several pods, each pod's history arriving as its own batch) lines are kept in timestamp order.
 */
export function appendLines(buffer: LogBuffer, batch: LogLine[], cap = LOG_BUFFER, byTime = false): LogBuffer {
  const fresh = withoutReplayed(buffer.lines, batch);
  if (fresh.length === 0) return buffer;
  let next = buffer.next;
  const added = fresh.map((line) => ({ ...line, seq: next++ }));
  let all = buffer.lines.concat(added);
  if (byTime && !inTimeOrder(all, buffer.lines.length)) all = all.sort((a, b) => timeOf(a) - timeOf(b) || a.seq - b.seq);
  const over = Math.max(0, all.length - cap);
  return { lines: over ? all.slice(over) : all, dropped: buffer.dropped + over, next };
}

/**
 * Drops the lines a stream sends again after it reconnects (the subscription restarts with its tail):
 * per pod and container, lines older than the newest one held, or as old and already held.
 */
function withoutReplayed(held: LogLine[], batch: LogLine[]): LogLine[] {
  if (held.length === 0) return batch;
  const newest = new Map<string, { t: number; lines: Set<string> }>();
  for (let i = held.length - 1; i >= 0 && newest.size < 50; i--) {
    const line = held[i];
    const key = `${line.pod}/${line.container}`;
    const t = timeOf(line);
    const seen = newest.get(key);
    if (!seen) newest.set(key, { t, lines: new Set([line.line]) });
    else if (seen.t === t) seen.lines.add(line.line);
  }
  return batch.filter((line) => {
    const seen = newest.get(`${line.pod}/${line.container}`);
    const t = timeOf(line);
    if (!seen || !line.timestamp || t > seen.t) return true;
    return t === seen.t && !seen.lines.has(line.line);
  });
}

function timeOf(line: LogLine): number {
  const t = line.timestamp ? Date.parse(line.timestamp) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** Whether the lines from `from` on (and the one before) are already in timestamp order. */
function inTimeOrder(lines: LogLine[], from: number): boolean {
  for (let i = Math.max(1, from); i < lines.length; i++) if (timeOf(lines[i]) < timeOf(lines[i - 1])) return false;
  return true;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pieces of `text` with the matches of `pattern` marked (pattern is global and case-insensitive). */
export function splitMatches(text: string, pattern: RegExp | undefined): { text: string; match: boolean }[] {
  if (!pattern) return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (m.index > last) parts.push({ text: text.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

export function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) pattern.lastIndex++;
    else n++;
  }
  return n;
}

/** Pod prefix colours for merged logs (stern-like), readable on light and dark backgrounds. */
export const POD_COLOURS = [
  'text-sky-700 dark:text-sky-400',
  'text-fuchsia-700 dark:text-fuchsia-400',
  'text-lime-700 dark:text-lime-400',
  'text-violet-700 dark:text-violet-400',
  'text-teal-700 dark:text-teal-400',
  'text-pink-700 dark:text-pink-400',
  'text-indigo-700 dark:text-indigo-400',
  'text-emerald-700 dark:text-emerald-400',
  'text-cyan-700 dark:text-cyan-400',
  'text-purple-700 dark:text-purple-400',
];

export function formatLogTime(timestamp?: string | null): string {
  if (!timestamp) return '—'.padEnd(12);
  const t = new Date(timestamp);
  if (Number.isNaN(t.getTime())) return timestamp;
  return `${t.toLocaleTimeString([], { hour12: false })}.${String(t.getMilliseconds()).padStart(3, '0')}`;
}
