import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, type WebSocketServer } from 'ws';
import type { PodWorkers } from '../../kubelet/pod-workers.service';
import { chooseExecProtocol } from '../exec-channel.protocol';
import { KubeletError, writePlainError } from '../kubelet-error';
import { runSpdyPortForward } from './spdy-port-forward';
import { SpdyServerSession } from './spdy-server.session';
import { runWebSocketPortForward } from './websocket-port-forward';

/** What kubectl 1.31+ offers first: SPDY/3.1 framing tunnelled inside a WebSocket. */
export const SPDY_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

/** The kubelet's reading of `port` (V4Options): every value, comma-separated, each a port above 0. */
function parsePorts(query: URLSearchParams): number[] | string {
  const values = query.getAll('port');
  if (values.length === 0) return 'query parameter "port" is required';
  const ports: number[] = [];
  for (const text of values.flatMap((value) => value.split(','))) {
    const port = Number(text);
    if (!/^\d+$/.test(text) || port > 65535) return `unable to parse "${text}" as a port: strconv.ParseUint: parsing "${text}": ${/^\d+$/.test(text) ? 'value out of range' : 'invalid syntax'}`;
    if (port < 1) return `port "${text}" must be > 0`;
    ports.push(port);
  }
  return ports;
}

/**
 * `GET /portForward/{namespace}/{pod}` upgraded to one of the kubelet's port-forward protocols: SPDY/3.1
 * (`Upgrade: SPDY/3.1`, or tunnelled in a WebSocket as kubectl 1.31+ first tries), where each local
 * connection opens its own streams naming the port, or a WebSocket in the channel protocols with
 * `?port=…` (the client libraries). Each connection reaches what listens there in the pod (pod-servers).
 */
export function handlePortForwardUpgrade(workers: PodWorkers, wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const url = new URL(req.url ?? '/', 'http://kubelet');
  const path = url.pathname.split('/').slice(1).map(decodeURIComponent);
  if (path.length !== 3) throw new KubeletError(404, 'NotFound', 'the server could not find the requested resource');
  const [, namespace, name] = path;
  const entry = workers.find(namespace, name);
  if (!entry) throw new KubeletError(404, 'NotFound', `pods "${name}" not found`);
  if (!entry.node.powered) {
    const address = `${entry.node.hostIP}:10250`;
    throw new KubeletError(500, '', `Get "https://${address}${url.pathname}": dial tcp ${address}: connect: no route to host`);
  }
  const podUid = entry.pod.metadata.uid ?? '';
  const containers = () => (entry.runtime?.containers ?? []).map((c) => ({ image: c.spec.image ?? '', running: !!c.running }));
  const upgrade = req.headers.upgrade?.toLowerCase();
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (upgrade === 'spdy/3.1') {
    // httpstream's SPDY upgrade: the 101 names the protocol, then SPDY frames on the raw connection.
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n');
    if (head.length) socket.unshift(head);
    return runSpdyPortForward(new SpdyServerSession(socket), podUid, containers);
  }
  if (upgrade !== 'websocket') throw new KubeletError(400, 'BadRequest', `unable to upgrade: unsupported protocol "${req.headers.upgrade ?? ''}"`);
  if (offered.includes(SPDY_TUNNEL_PROTOCOL) && chooseExecProtocol(offered) === undefined) {
    // kubectl 1.31+: the same SPDY frames, each carried in a binary WebSocket message.
    return wss.handleUpgrade(req, socket, head, (ws) => runSpdyPortForward(new SpdyServerSession(createWebSocketStream(ws)), podUid, containers));
  }
  if (chooseExecProtocol(offered) === undefined) throw new KubeletError(400, 'BadRequest', `requested protocol(s) are not supported: [${offered.join(' ')}]`);
  const ports = parsePorts(url.searchParams);
  if (typeof ports === 'string') return writePlainError(socket, 400, ports);
  wss.handleUpgrade(req, socket, head, (ws) => runWebSocketPortForward(ws, { podUid, containers, ports }));
}
