import { request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { queryFlag } from '@drydock/kube';
import { StatusError } from '@drydock/util';
import type { KubeletTarget } from './kubelet-target';

/** PodLogOptions the kubelet's containerLogs endpoint understands: flags (written `=true`, as upstream's LogLocation) and values. */
const logFlags = ['follow', 'previous', 'timestamps'];
const logValues = ['sinceSeconds', 'sinceTime', 'tailLines', 'limitBytes'];

export type StreamKind = 'exec' | 'attach' | 'portForward';

/**
 * The kubelet's query for exec and attach as upstream's streamParams writes it: the options decoded
 * as the API server decodes PodExecOptions (`stdout=True` is true), then each flag as `=1`.
 */
function streamParams(kind: StreamKind, query: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  if (kind === 'portForward') {
    // PodPortForwardOptions.ports (repeated or comma-separated), joined into the kubelet's `port`.
    const ports = query.getAll('ports').flatMap((value) => value.split(','));
    if (ports.length) params.append('port', ports.join(','));
    return params;
  }
  for (const flag of ['stdin', 'stdout', 'stderr', 'tty']) if (queryFlag(query, flag)) params.append(flag, '1');
  if (kind === 'exec') for (const command of query.getAll('command')) params.append('command', command);
  return params;
}

function kubeletPath(kind: 'containerLogs' | StreamKind, target: KubeletTarget, query: URLSearchParams): string {
  const { namespace, name } = target.pod.metadata;
  let params = new URLSearchParams();
  if (kind === 'containerLogs') {
    for (const flag of logFlags) if (queryFlag(query, flag)) params.append(flag, 'true');
    for (const key of logValues) if (query.has(key)) params.append(key, query.get(key)!);
  } else params = streamParams(kind, query);
  const search = params.toString();
  const container = kind === 'portForward' ? '' : `/${encodeURIComponent(target.container)}`;
  return `/${kind}/${encodeURIComponent(namespace!)}/${encodeURIComponent(name!)}${container}${search ? `?${search}` : ''}`;
}

/**
 * `GET pods/NAME/log`: streams the simulated kubelet's containerLogs response through, unbuffered,
 * until either side closes (kubectl logs -f keeps it open).
 */
export function proxyLogs(req: IncomingMessage, res: ServerResponse, target: KubeletTarget, query: URLSearchParams, kubeletToken: string): Promise<void> {
  return new Promise((resolve) => {
    const upstream = httpRequest(`${target.endpoint}${kubeletPath('containerLogs', target, query)}`, { headers: { authorization: `Bearer ${kubeletToken}` } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'Content-Type': answer.headers['content-type'] ?? 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
      res.flushHeaders();
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', () => resolve());
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) {
        res.writeHead(503, { 'Content-Type': 'application/json' });
        res.end(new StatusError(503, 'ServiceUnavailable', `the kubelet of this pod's node is not reachable: ${error.message}`).toStatusJson());
      } else res.end();
      resolve();
    });
    req.on('close', () => upstream.destroy());
    res.on('close', () => upstream.destroy());
    upstream.end();
  });
}

const forwardedHeaders = ['upgrade', 'connection', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-protocol', 'sec-websocket-extensions', 'x-stream-protocol-version'];

/**
 * `GET pods/NAME/exec` or `attach` with a WebSocket upgrade (kubectl's v5.channel.k8s.io, the client
 * libraries' v4 and older): replays the upgrade request to the simulated kubelet with upstream's
 * kubelet query and then splices the two sockets, so the kubelet's 101 answer and every frame pass
 * through untouched.
 */
export function proxyStreamUpgrade(kind: StreamKind, req: IncomingMessage, socket: Duplex, head: Buffer, target: KubeletTarget, query: URLSearchParams, kubeletToken: string): void {
  const url = new URL(target.endpoint);
  const upstream = connect(Number(url.port), url.hostname, () => {
    // The endpoint may carry a path (a node simulator serving several clusters on one port: `.../clusters/lab`).
    const prefix = url.pathname.replace(/\/+$/, '');
    const lines = [`GET ${prefix}${kubeletPath(kind, target, query)} HTTP/1.1`, `Host: ${url.host}`, `Authorization: Bearer ${kubeletToken}`];
    for (const name of forwardedHeaders) {
      const value = req.headers[name];
      if (value) lines.push(`${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
    }
    upstream.write(lines.join('\r\n') + '\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', () => writeUpgradeError(socket, new StatusError(503, 'ServiceUnavailable', 'the kubelet of this pod\'s node is not reachable')));
  upstream.on('close', close);
  socket.on('error', close);
  socket.on('close', close);
}

/** An error before the upgrade: a plain HTTP response with a Status body on the raw socket. */
export function writeUpgradeError(socket: Duplex, error: StatusError): void {
  if (socket.destroyed) return;
  const body = error.toStatusJson();
  const reason = error.reason === 'InternalError' ? 'Internal Server Error' : error.reason;
  socket.end(`HTTP/1.1 ${error.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
