const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * One line as klog writes it: `I1207 01:33:27.123456       1 schedule_one.go:314] message` (severity,
 * month and day, time to the microsecond in UTC, the thread id right-aligned in 7 columns, the source).
 * Upstream's components log this way; Drydock's write it where a learner reads their logs.
 */
export function klogLine(source: string, message: string, options: { at?: Date; severity?: 'I' | 'W' | 'E'; threadId?: number } = {}): string {
  const at = options.at ?? new Date();
  const time = `${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds() * 1000, 6)}`;
  return `${options.severity ?? 'I'}${time} ${String(options.threadId ?? 1).padStart(7, ' ')} ${source}] ${message}`;
}
