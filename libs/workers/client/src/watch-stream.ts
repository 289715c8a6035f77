import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '@drydock/util';
import { ApiError } from './api-error';
import type { WatchEvent, WatchHandle } from './client.types';
import type { HttpRequest, HttpTransport } from './http-transport';

/**
 * One watch request as a stream of events. A non-200 answer (e.g. 410 Expired for a too-old
 * resourceVersion) is delivered as one `ERROR` event whose object is the Status, as the server does
 * for errors inside the stream, so callers handle both in one place. `done` never rejects: it
 * resolves once the stream ended for whatever reason, and no event is delivered after it.
 */
export function openWatch<T extends KubeObject>(transport: HttpTransport, request: HttpRequest, onEvent: (event: WatchEvent<T>) => void): WatchHandle {
  let closed = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const finish = () => {
    closed = true;
    resolveDone();
  };
  const deliver = (event: WatchEvent<T>) => {
    if (!closed) onEvent(event);
  };
  const stream = transport.stream(request, (response) => readResponse(response, deliver, finish), finish);
  return {
    done,
    close: () => {
      finish();
      stream.abort();
    },
  };
}

function readResponse<T extends KubeObject>(response: IncomingMessage, deliver: (event: WatchEvent<T>) => void, finish: () => void): void {
  response.setEncoding('utf8');
  if (response.statusCode !== 200) {
    let body = '';
    response.on('data', (chunk: string) => (body += chunk));
    response.on('end', () => {
      deliver({ type: 'ERROR', object: ApiError.fromResponse(response.statusCode ?? 0, body).status as unknown as T });
      finish();
    });
    response.on('error', finish);
    return;
  }
  let buffer = '';
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line) continue;
      const event = parseEvent<T>(line);
      if (!event) return response.destroy();
      deliver(event);
    }
  });
  response.on('end', finish);
  response.on('close', finish);
  response.on('error', finish);
}

/** A line that is not an event means the stream is corrupt: undefined, and the caller ends the watch. */
function parseEvent<T extends KubeObject>(line: string): WatchEvent<T> | undefined {
  try {
    const event = JSON.parse(line) as WatchEvent<T>;
    return event && typeof event.type === 'string' && event.object ? event : undefined;
  } catch {
    return undefined;
  }
}
