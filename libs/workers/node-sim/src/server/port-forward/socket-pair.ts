import { Duplex } from 'node:stream';

/**
 * One end of an in-memory connection: what one end writes, the other reads; ending one ends the
 * other's input. Carries the few socket methods Node's HTTP server calls, so a simulated server can
 * be a real `http.Server` fed with `emit('connection', socket)`.
 */
export class PairedSocket extends Duplex {
  peer?: PairedSocket;
  readonly remoteAddress = '127.0.0.1';
  readonly remotePort = 0;

  override _read(): void {
    // Data is pushed by the peer's writes; nothing to fetch.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.peer?.push(chunk);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.peer?.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.peer && !this.peer.destroyed) this.peer.destroy();
    callback(error);
  }

  setTimeout(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }
}

/** Two connected ends: [the client's, the server's]. */
export function socketPair(): [PairedSocket, PairedSocket] {
  const client = new PairedSocket();
  const server = new PairedSocket();
  client.peer = server;
  server.peer = client;
  return [client, server];
}
