import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { serverOf } from '../../shell/commands/http-backends';
import { nginxVersion } from '../../runtime/server-images';
import { socketPair } from './socket-pair';

/** What a running container of the pod serves: its image's server, on the port that server listens on. */
export interface PodContainerImage {
  image: string;
  running: boolean;
}

/**
 * Connects to `port` inside a pod's network namespace, as the container runtime's port-forward does
 * (`localhost:PORT` in the pod): the simulated server of a running container whose image listens
 * there (nginx's and httpd's pages over real HTTP/1.1, redis answering PING), or undefined when
 * nothing listens (connection refused).
 */
export function dialPod(containers: PodContainerImage[], port: number): Duplex | undefined {
  for (const container of containers) {
    const server = container.running ? serverOf(container.image) : undefined;
    if (!server || server.port !== port) continue;
    const [client, serverSide] = socketPair();
    if (server.page !== undefined) httpServer(server.known, container.image, server.page).emit('connection', serverSide);
    else if (server.known === 'redis') answerRedis(serverSide);
    return client;
  }
  return undefined;
}

/**
 * The runtime's refusal, worded as containerd's PortForward and the kubelet wrap it. The sandbox id
 * and network namespace are derived from the pod's uid (there is no real sandbox).
 */
export function connectionRefused(podUid: string, port: number): string {
  const sandbox = createHash('sha256').update(`sandbox/${podUid}`).digest('hex');
  const netns = `/var/run/netns/cni-${podUid}`;
  const refused = (family: string, address: string) => `dial ${family} ${address}:${port}: connect: connection refused`;
  return `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "${netns}": failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: ${refused('tcp4', '127.0.0.1')} IPv6 ${refused('tcp6', '[::1]')} `;
}

const servers = new Map<string, Server>();

/** One HTTP server per image, shared by every connection to it (it keeps no state). */
function httpServer(known: string, image: string, page: string): Server {
  const key = `${known}|${image}`;
  let server = servers.get(key);
  if (!server) {
    server = createServer((req, res) => (known === 'nginx' ? answerNginx(req, res, nginxVersion(image), page) : answerPage(req, res, page)));
    server.keepAliveTimeout = 0;
    servers.set(key, server);
  }
  return server;
}

/** What nginx's default site answers: the welcome page at / and /index.html, its 404 page elsewhere. */
function answerNginx(req: IncomingMessage, res: ServerResponse, version: string, page: string): void {
  const found = isIndex(req);
  const body = found ? page : `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
  // nginx's header order; Node's own Date and Keep-Alive headers are left out.
  const headers: Array<[string, string]> = [['Server', `nginx/${version}`], ['Date', new Date().toUTCString()], ['Content-Type', 'text/html'], ['Content-Length', String(Buffer.byteLength(body))]];
  if (found) headers.push(['Last-Modified', 'Tue, 16 Apr 2024 14:29:59 GMT']);
  headers.push(['Connection', req.headers.connection?.toLowerCase() === 'close' ? 'close' : 'keep-alive']);
  if (found) headers.push(['ETag', '"661e8b67-267"'], ['Accept-Ranges', 'bytes']);
  res.sendDate = false;
  res.writeHead(found ? 200 : 404, headers.flat());
  res.end(body);
}

function answerPage(req: IncomingMessage, res: ServerResponse, page: string): void {
  const body = isIndex(req) ? page : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
  res.writeHead(isIndex(req) ? 200 : 404, { 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function isIndex(req: IncomingMessage): boolean {
  const path = (req.url ?? '/').split('?')[0];
  return path === '/' || path === '/index.html';
}

/** redis's inline protocol, enough for `redis-cli ping` and `PING` typed into nc. */
function answerRedis(socket: Duplex): void {
  let pending = '';
  socket.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const words = line.replace(/\r$/, '').split(/\s+/).filter((w) => w && !/^[*$]\d+$/.test(w));
      if (words.length === 0) continue;
      socket.write(words[0].toUpperCase() === 'PING' ? '+PONG\r\n' : `-ERR unknown command '${words[0]}'\r\n`);
    }
  });
  socket.on('end', () => socket.end());
}
