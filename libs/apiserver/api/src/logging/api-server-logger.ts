import pino, { type Logger } from 'pino';

/** What the API server keeps of its log while stdout is not read (16 MiB, as a REST watcher's bound); past it, lines are dropped. */
export const LOG_BUFFER_BYTES = 16 * 1024 * 1024;

/**
 * The API server's logger: JSON lines on `fd` (stdout), written asynchronously with a bounded buffer.
 * pino's default destination writes synchronously and, when the reader of stdout falls behind (a full pipe:
 * EAGAIN), sleeps 100 ms with Atomics.wait and tries again until it drains, which stops the whole event loop:
 * every request, /readyz, and the answers to PostgreSQL's authentication (whose connections then time out).
 * Seen under load in the reliability suite as an API server that listened and then answered nothing for
 * minutes. Here a slow reader costs at most LOG_BUFFER_BYTES of memory and then lines (counted in `dropped()`),
 * never the server.
 */
export function apiServerLogger(level: string, fd = 1): { logger: Logger; dropped: () => number } {
  let exiting = false;
  let dropped = 0;
  // Node opens its stdout stream on a pipe or socket in non-blocking mode: a full pipe is then EAGAIN, which
  // sonic-boom retries on a timer, instead of a write that holds a thread-pool thread (and the exit) until read.
  if (fd === 1) void process.stdout.fd;
  const destination = pino.destination({ dest: fd, sync: false, maxLength: LOG_BUFFER_BYTES, retryEAGAIN: () => !exiting });
  destination.on('drop', () => (dropped += 1));
  // An async destination whose write fails (the reader is gone) must not crash the server.
  destination.on('error', () => undefined);
  // pino flushes an async destination synchronously on exit. stdout may be a blocking pipe the reader stopped
  // taking (a write already waiting in the thread pool for it, sonic-boom's `_writing`): then the rest is dropped,
  // where that flush would hold the exit for as long as the reader waits. Runs before pino's handler.
  process.prependOnceListener('exit', () => {
    exiting = true;
    if ((destination as unknown as { _writing?: boolean })._writing) destination.flushSync = () => undefined;
  });
  return { logger: pino({ level }, destination), dropped: () => dropped };
}
