/**
 * What etcdctl 3.5 prints, byte for byte (etcdctl/ctlv3/command/printer*.go): Go's encoding/json of the
 * gRPC responses (uint64 as bare numbers, []byte as base64, zero values omitted), go-humanize's sizes,
 * Go's durations, olekukonko/tablewriter's tables and zap's log lines.
 */

/** A uint64 that JSON must print as a bare number (IDs exceed 2^53). */
export class Uint64 {
  constructor(readonly digits: string) {}
}

const htmlSafe = (text: string) => text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** encoding/json.Marshal of a value whose zero fields are already left out (omitempty is the caller's). */
export function goJson(value: unknown): string {
  if (value instanceof Uint64) return value.digits;
  if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('base64'));
  if (typeof value === 'string') return htmlSafe(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${goJson(v)}`).join(',')}}`;
}

/** go-humanize's Bytes: SI units, one decimal below 10 (`9.8 MB`, `346 kB`, `12 B`). */
export function humanBytes(size: number): string {
  if (size < 10) return `${size} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const exponent = Math.floor(Math.log(size) / Math.log(1000));
  const value = Math.floor((size / 1000 ** exponent) * 10 + 0.5) / 10;
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ${units[exponent]}`;
}

/** Go's time.Duration.String for a duration in nanoseconds (`1.840623ms`, `512.3µs`). */
export function goDuration(nanoseconds: number): string {
  const ns = Math.max(0, Math.round(nanoseconds));
  const fraction = (value: number, unit: number, suffix: string) => `${(value / unit).toFixed(9).replace(/\.?0+$/, '')}${suffix}`;
  if (ns < 1000) return `${ns}ns`;
  if (ns < 1_000_000) return fraction(ns, 1000, 'µs');
  if (ns < 1_000_000_000) return fraction(ns, 1_000_000, 'ms');
  return fraction(ns, 1_000_000_000, 's');
}

/** olekukonko/tablewriter as etcdctl's table printer sets it up: upper-case centred headers, cells aligned right. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const centre = (text: string, width: number) => {
    const left = Math.floor((width - text.length) / 2);
    return `${' '.repeat(left)}${text}${' '.repeat(width - text.length - left)}`;
  };
  const line = (cells: string[]) => `|${cells.map((cell) => ` ${cell} `).join('|')}|\n`;
  return rule + line(header.map((h, i) => centre(h.toUpperCase(), widths[i]))) + rule + rows.map((row) => line(row.map((cell, i) => cell.padStart(widths[i])))).join('') + rule;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** zap's JSON line as etcdctl's default logger writes it (logutil.DefaultZapLoggerConfig). */
export function zapJsonLine(at: Date, fields: { logger?: string; caller: string; msg: string } & Record<string, string>): string {
  const ts = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}.${pad(at.getUTCMilliseconds(), 3)}${pad(Math.floor(Math.random() * 1000), 3)}Z`;
  const { logger, caller, msg, ...rest } = fields;
  return `${goJson({ level: 'info', ts, ...(logger ? { logger } : {}), caller, msg, ...rest })}\n`;
}

/** zap's console line as etcdutl's logger writes it (RFC 3339 time, tabs, fields as JSON with spaces). */
export function zapConsoleLine(at: Date, caller: string, msg: string, fields?: Record<string, unknown>): string {
  const ts = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const rendered = fields ? `\t{${Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}: ${Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v)}`).join(', ')}}` : '';
  return `${ts}\tinfo\t${caller}\t${msg}${rendered}\n`;
}
