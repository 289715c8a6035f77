import type { Duplex } from 'node:stream';

/** An error of a kubelet endpoint, answered as a Status body (before any upgrade). */
export class KubeletError extends Error {
  constructor(readonly code: number, readonly reason: string, message: string) {
    super(message);
  }

  body(): string {
    return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, ...(this.reason ? { reason: this.reason } : {}), code: this.code });
  }
}

/** An error before an upgrade: a plain HTTP answer with the Status body on the raw socket. */
export function writeUpgradeFailure(socket: Duplex, error: unknown): void {
  const failure = error instanceof KubeletError ? error : new KubeletError(500, 'InternalError', (error as Error).message);
  const body = failure.body();
  socket.end(`HTTP/1.1 ${failure.code} ${failure.reason || 'Internal Server Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** What Go's http.Error writes: the message and a newline as text/plain. */
export function writePlainError(socket: Duplex, code: number, message: string): void {
  const body = `${message}\n`;
  socket.end(`HTTP/1.1 ${code} ${code === 400 ? 'Bad Request' : 'Error'}\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
