import { containerLogTime } from '@drydock/kube';
import type { ContainerInstance } from '../lifecycle/lifecycle.types';

/** Most repeat periods rendered for one instance (the oldest are dropped, as a rotated log would). */
const MAX_REPEATS = 5_000;

export interface LogLine {
  at: Date;
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * The lines a container instance has printed by real time `nowReal`: its program's output stamped at
 * start + simulated offset (converted to real time by `realMs`), then its repeating lines. Pure and
 * lazy: nothing is stored per line, so 10,000 idle pods cost no timers.
 */
export function renderInstanceLog(instance: ContainerInstance, nowReal: number, realMs: (simulatedMs: number) => number): LogLine[] {
  const elapsedRealLimit = nowReal - instance.startedAtReal;
  const ended = instance.endedAfterMs;
  const visible = (atMs: number) => realMs(atMs) <= elapsedRealLimit && (ended === undefined || atMs <= ended);
  const lineAt = (atMs: number, stream: 'stdout' | 'stderr', text: string | ((at: Date) => string)): LogLine => {
    const at = new Date(instance.startedAtReal + realMs(atMs));
    return { at, stream, text: typeof text === 'string' ? text : text(at) };
  };
  const lines = instance.program.output.filter((l) => visible(l.atMs)).map((l) => lineAt(l.atMs, l.stream, l.text));
  const repeat = instance.program.repeat;
  if (!repeat || repeat.periodMs <= 0) return lines;
  const elapsedSimulated = Math.min(ended ?? Infinity, simulatedFromReal(elapsedRealLimit, realMs));
  const last = Math.floor((elapsedSimulated - repeat.startMs) / repeat.periodMs);
  for (let k = Math.max(0, last - MAX_REPEATS + 1); k <= last; k++) {
    const base = repeat.startMs + k * repeat.periodMs;
    for (const l of repeat.lines) if (visible(base + l.atMs)) lines.push(lineAt(base + l.atMs, l.stream, l.text));
  }
  return lines;
}

/** Inverts realMs (linear in the clock scale). */
function simulatedFromReal(realElapsed: number, realMs: (simulatedMs: number) => number): number {
  const perSimulatedMs = realMs(1_000_000) / 1_000_000;
  return perSimulatedMs > 0 ? realElapsed / perSimulatedMs : Infinity;
}

export interface LogQuery {
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339; kubectl sends either this or sinceSeconds. */
  sinceTime?: string;
  timestamps: boolean;
  limitBytes?: number;
}

/** Formats lines as the kubelet does: optional RFC 3339 nano timestamp prefix, tail, since, byte limit. */
export function formatLog(lines: LogLine[], query: LogQuery, nowReal: number): string {
  const since = query.sinceSeconds !== undefined ? nowReal - query.sinceSeconds * 1000 : query.sinceTime ? Date.parse(query.sinceTime) : undefined;
  let selected = since !== undefined && !Number.isNaN(since) ? lines.filter((l) => l.at.getTime() >= since) : lines;
  if (query.tailLines !== undefined && query.tailLines >= 0) selected = query.tailLines === 0 ? [] : selected.slice(-query.tailLines);
  const text = selected.map((l) => formatLine(l, query.timestamps)).join('');
  return query.limitBytes !== undefined ? Buffer.from(text).subarray(0, query.limitBytes).toString('utf8') : text;
}

export function formatLine(line: LogLine, timestamps: boolean): string {
  return `${timestamps ? `${containerLogTime(line.at)} ` : ''}${line.text}\n`;
}
