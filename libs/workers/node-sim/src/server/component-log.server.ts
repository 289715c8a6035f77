import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ComponentState } from '../control-plane/component-state';

/** What the kubelet server needs of a control-plane mirror pod: its process's state, read afresh. */
export type ComponentLookup = (namespace: string, name: string) => ComponentState | undefined;

const FOLLOW_POLL_MS = 200;

function readRange(file: string, start: number, end?: number): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const stop = end ?? statSync(file).size;
    if (stop <= start) return '';
    const buffer = Buffer.alloc(stop - start);
    const read = readSync(fd, buffer, 0, buffer.length, start);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** tailLines and limitBytes as the kubelet applies them to a container's log. */
function select(text: string, query: URLSearchParams): string {
  let out = text;
  const tail = query.has('tailLines') ? Number(query.get('tailLines')) : undefined;
  if (tail !== undefined && tail >= 0) {
    const lines = out.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    out = tail === 0 ? '' : lines.slice(-tail).map((line) => `${line}\n`).join('');
  }
  const limit = query.has('limitBytes') ? Number(query.get('limitBytes')) : undefined;
  return limit !== undefined ? Buffer.from(out).subarray(0, limit).toString('utf8') : out;
}

/**
 * `kubectl logs` of a control-plane mirror pod: the real process's log file from where its current
 * instance began (`--previous`: the instance before), following it with `-f` until the process is
 * restarted. The file carries no per-line times, so `--timestamps` and `--since` are not applied.
 */
export function serveComponentLog(state: ComponentState, read: () => ComponentState | undefined, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
  const previous = query.get('previous') === 'true';
  const start = previous ? state.previousLogOffset! : state.logOffset;
  const end = previous ? state.logOffset : undefined;
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  const text = readRange(state.logFile, start, end);
  res.write(select(text, query));
  if (query.get('follow') !== 'true' || previous) return void res.end();
  let position = start + Buffer.byteLength(text);
  const timer = setInterval(() => {
    const size = (() => {
      try {
        return statSync(state.logFile).size;
      } catch {
        return position;
      }
    })();
    if (size > position) {
      const fresh = readRange(state.logFile, position, size);
      position = size;
      res.write(fresh);
    }
    if (read()?.logOffset !== state.logOffset) {
      clearInterval(timer);
      res.end();
    }
  }, FOLLOW_POLL_MS);
  req.on('close', () => clearInterval(timer));
}
