import type { SpdyServerSession, SpdyStream } from './spdy-server.session';
import { connectionRefused, dialPod, PodContainerImage } from './pod-servers';

interface StreamPair {
  data?: SpdyStream;
  error?: SpdyStream;
  /** Data the client sent before both streams of its request existed. */
  early: Buffer[];
  ended: boolean;
}

/**
 * The kubelet's SPDY port-forward (what kubectl port-forward speaks, plain or tunnelled in a
 * WebSocket): per local connection the client opens an error stream and a data stream with the same
 * `requestID` and the `port` header; once both are there the data stream is joined to what listens on
 * that port in the pod. Nothing listening: the runtime's message on the error stream, both closed.
 */
export function runSpdyPortForward(session: SpdyServerSession, podUid: string, containers: () => PodContainerImage[]): void {
  const pairs = new Map<string, StreamPair>();
  session.on('stream', (stream: SpdyStream) => {
    const requestId = stream.headers.requestid ?? String(stream.id);
    const pair = pairs.get(requestId) ?? { early: [], ended: false };
    pairs.set(requestId, pair);
    if (stream.headers.streamtype === 'error') pair.error = stream;
    else if (stream.headers.streamtype === 'data') {
      pair.data = stream;
      stream.events.on('data', (chunk: Buffer) => pair.early.push(chunk));
      stream.events.on('end', () => (pair.ended = true));
    }
    if (pair.data && pair.error) {
      pairs.delete(requestId);
      forward(pair, podUid, containers);
    }
  });
}

function forward(pair: StreamPair, podUid: string, containers: () => PodContainerImage[]): void {
  const data = pair.data!;
  const error = pair.error!;
  const port = Number(data.headers.port);
  const connection = dialPod(containers(), port);
  if (!connection) {
    error.write(Buffer.from(connectionRefused(podUid, port)));
    error.end();
    data.end();
    return;
  }
  data.events.removeAllListeners('data');
  data.events.removeAllListeners('end');
  for (const chunk of pair.early) connection.write(chunk);
  if (pair.ended) connection.end();
  data.events.on('data', (chunk: Buffer) => connection.write(chunk));
  data.events.on('end', () => connection.end());
  connection.on('data', (chunk: Buffer) => data.write(chunk));
  connection.once('end', () => connection.destroy());
  connection.once('close', () => {
    data.end();
    error.end();
  });
}
