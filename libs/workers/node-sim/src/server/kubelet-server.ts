import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { queryFlag } from '@drydock/kube';
import type { Clock } from '@drydock/util';
import type { ContainerRuntime } from '../lifecycle/lifecycle.types';
import type { PodEntry, PodWorkers } from '../kubelet/pod-workers.service';
import type { SummaryList } from '../kubelet/resource-stats.provider';
import { formatLine, formatLog, LogQuery, renderInstanceLog } from './container-log.renderer';
import { CHANNEL_PROTOCOLS, chooseExecProtocol } from './exec-channel.protocol';
import { runExecSession, runShellExec } from './exec-session';
import { runAttachSession } from './attach-session';
import { followLog } from './log-follower';
import { KubeletError, writePlainError, writeUpgradeFailure } from './kubelet-error';
import { handlePortForwardUpgrade, SPDY_TUNNEL_PROTOCOL } from './port-forward/port-forward.handler';
import { ComponentLookup, serveComponentLog } from './component-log.server';
import { handlePodProxy, isPodProxyPath } from './pod-proxy/pod-proxy.handler';
import type { ContainerShell } from '../shell/container-shell';

/**
 * The kubelet endpoints the API server proxies to, on one HTTP server per process (127.0.0.1):
 *   GET /containerLogs/{namespace}/{pod}/{container}?follow&tailLines&timestamps&previous&sinceSeconds&sinceTime&limitBytes
 *   GET /exec/{namespace}/{pod}/{container}?command=…&stdin&stdout&stderr&tty  (WebSocket, see CHANNEL_PROTOCOLS)
 *   GET /attach/{namespace}/{pod}/{container}?stdin&stdout&stderr&tty  (the same protocols; the main process)
 *   GET /portForward/{namespace}/{pod}?port=…  (WebSocket v4 channels, SPDY/3.1, or SPDY tunnelled in a WebSocket)
 *   GET /stats/summary  (the Summary API of every node of the process, for the metrics API)
 *   ANY /podProxy/{namespace}/{pod}/{port}/{path}  (Drydock's own: the pod network, for pods/proxy and services/proxy)
 * Every request needs `Authorization: Bearer <kubelet-client token>`, else 401. Errors are Status bodies.
 */

export { KubeletError };

export interface KubeletServerOptions {
  workers: PodWorkers;
  clock: Clock;
  /** The bearer token callers must present (read from $DRYDOCK_DATA_DIR/pki/kubelet-client.token). */
  token: string;
  /** The resource usage of every node of the process (`/stats/summary`). */
  stats?: () => SummaryList;
  /** Listen address (default 127.0.0.1; 0.0.0.0 when the API servers run on other machines). */
  host?: string;
  /** The host in `endpoint`, where the API servers reach this server (default: `host`, or this machine's name when `host` is 0.0.0.0 or ::). */
  advertiseHost?: string;
  port?: number;
  /** Control-plane mirror pods, whose logs are their process's log file. */
  components?: ComponentLookup;
  /** The shell `kubectl exec` reaches in a control-plane mirror pod (etcdctl in etcd's). */
  componentShell?: (namespace: string, name: string, container: string) => ContainerShell | undefined;
}

export interface RunningKubeletServer {
  server: Server;
  /** `http://<advertised host>:<port>`: what Nodes carry in sim.drydock.dev/kubelet-endpoint. */
  endpoint: string;
  close(): Promise<void>;
}

export async function startKubeletServer(options: KubeletServerOptions): Promise<RunningKubeletServer> {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => chooseExecProtocol(protocols) || (protocols.has(SPDY_TUNNEL_PROTOCOL) ? SPDY_TUNNEL_PROTOCOL : false) });
  const server = createServer((req, res) => handleRequest(options, req, res));
  server.on('upgrade', (req, socket, head) => handleUpgrade(options, wss, req, socket, head));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address() as { port: number };
  return {
    server,
    endpoint: `http://${advertisedHost(host, options.advertiseHost)}:${address.port}`,
    close: () => new Promise((resolve) => {
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function authorized(token: string, req: IncomingMessage): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return token.length > 0 && presented.length === expected.length && timingSafeEqual(presented, expected);
}

interface Target { entry: PodEntry; container: ContainerRuntime; path: string[]; query: URLSearchParams }

/** Parses `/{kind}/{ns}/{pod}/{container}` and finds the pod and container on this process's nodes. */
function resolveTarget(workers: PodWorkers, req: IncomingMessage, kind: string): Target {
  const url = new URL(req.url ?? '/', 'http://kubelet');
  const path = url.pathname.split('/').slice(1).map(decodeURIComponent);
  if (path[0] !== kind || path.length !== 4) throw new KubeletError(404, 'NotFound', 'the server could not find the requested resource');
  const [, namespace, name, containerName] = path;
  const entry = workers.find(namespace, name);
  if (!entry) throw new KubeletError(404, 'NotFound', `pods "${name}" not found`);
  if (!entry.node.active) {
    // A powered-off node's kubelet does not answer (no route); a stopped kubelet's port is closed (refused).
    // Say so as the API server would report the dial failure.
    const address = `${entry.node.hostIP}:10250`;
    throw new KubeletError(500, '', `Get "https://${address}${url.pathname}": dial tcp ${address}: connect: ${entry.node.powered ? 'connection refused' : 'no route to host'}`);
  }
  const container = entry.runtime && [...entry.runtime.containers, ...entry.runtime.initContainers].find((c) => c.spec.name === containerName);
  if (container) return { entry, container, path, query: url.searchParams };
  const spec = (entry.pod.spec ?? {}) as { containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }> };
  if (![...(spec.containers ?? []), ...(spec.initContainers ?? [])].some((c) => c.name === containerName)) throw new KubeletError(400, 'BadRequest', `container ${containerName} is not valid for pod ${name}`);
  // Not admitted yet (e.g. its node is powered off): the container has not been created.
  throw new KubeletError(400, 'BadRequest', `container "${containerName}" in pod "${name}" is waiting to start: ContainerCreating`);
}

function handleRequest(options: KubeletServerOptions, req: IncomingMessage, res: ServerResponse): void {
  try {
    if (!authorized(options.token, req)) throw new KubeletError(401, 'Unauthorized', 'Unauthorized');
    if (isPodProxyPath(req.url)) return handlePodProxy(options.workers, req, res);
    if (req.method !== 'GET') throw new KubeletError(405, 'MethodNotAllowed', `${req.method} is not supported`);
    if (new URL(req.url ?? '/', 'http://kubelet').pathname === '/stats/summary' && options.stats) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify(options.stats()));
    }
    if (/^\/(exec|attach)\//.test(req.url ?? '')) throw new KubeletError(400, 'BadRequest', 'Upgrade request required');
    if (serveComponent(options, req, res)) return;
    serveLogs(options, resolveTarget(options.workers, req, 'containerLogs'), req, res);
  } catch (error) {
    const failure = error instanceof KubeletError ? error : new KubeletError(500, 'InternalError', (error as Error).message);
    res.writeHead(failure.code, { 'Content-Type': 'application/json' });
    res.end(failure.body());
  }
}

/** Logs of a control-plane mirror pod; false when the path names some other pod. */
function serveComponent(options: KubeletServerOptions, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://kubelet');
  const path = url.pathname.split('/').slice(1).map(decodeURIComponent);
  if (!options.components || path[0] !== 'containerLogs' || path.length !== 4) return false;
  const [, namespace, name, container] = path;
  const state = options.components(namespace, name);
  if (!state) return false;
  if (container !== state.component) throw new KubeletError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
  if (url.searchParams.get('previous') === 'true' && state.previousLogOffset === undefined) throw new KubeletError(400, 'BadRequest', `previous terminated container "${container}" in pod "${name}" not found`);
  serveComponentLog(state, () => options.components!(namespace, name), url.searchParams, req, res);
  return true;
}

/** The shell of a control-plane mirror pod named by an exec path; undefined for other pods. */
function componentExecShell(options: KubeletServerOptions, req: IncomingMessage): { shell: ContainerShell; query: URLSearchParams } | undefined {
  const url = new URL(req.url ?? '/', 'http://kubelet');
  const [kind, namespace, name, container] = url.pathname.split('/').slice(1).map(decodeURIComponent);
  if (kind !== 'exec' || !options.componentShell || !container) return undefined;
  const shell = options.componentShell(namespace, name, container);
  return shell && { shell, query: url.searchParams };
}

function logQuery(query: URLSearchParams): LogQuery {
  const number = (key: string) => (query.has(key) ? Number(query.get(key)) : undefined);
  return { tailLines: number('tailLines'), sinceSeconds: number('sinceSeconds'), sinceTime: query.get('sinceTime') ?? undefined, limitBytes: number('limitBytes'), timestamps: query.get('timestamps') === 'true' };
}

function serveLogs(options: KubeletServerOptions, target: Target, req: IncomingMessage, res: ServerResponse): void {
  const { container, entry, query } = target;
  const previous = query.get('previous') === 'true';
  const instances = container.instances;
  const instance = instances[instances.length - (previous ? 2 : 1)];
  const pod = entry.pod.metadata.name;
  if (!instance && previous) throw new KubeletError(400, 'BadRequest', `previous terminated container "${container.spec.name}" in pod "${pod}" not found`);
  if (!instance) throw new KubeletError(400, 'BadRequest', `container "${container.spec.name}" in pod "${pod}" is waiting to start: ${container.waiting?.reason ?? 'ContainerCreating'}`);
  const realMs = (ms: number) => options.clock.realMs(ms);
  const now = Date.now();
  const lines = renderInstanceLog(instance, now, realMs);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  const parameters = logQuery(query);
  res.write(formatLog(lines, parameters, now));
  if (query.get('follow') !== 'true' || previous || instance.endedAfterMs !== undefined) return void res.end();
  const stop = followLog(instance, {
    afterReal: lines.length ? lines[lines.length - 1].at.getTime() : -Infinity,
    realMs,
    gone: () => entry.gone,
    lines: (fresh) => fresh.forEach((line) => res.write(formatLine(line, parameters.timestamps))),
    ended: () => res.end(),
  });
  req.on('close', stop);
}

function handleUpgrade(options: KubeletServerOptions, wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  try {
    if (!authorized(options.token, req)) throw new KubeletError(401, 'Unauthorized', 'Unauthorized');
    if ((req.url ?? '').startsWith('/portForward/')) return handlePortForwardUpgrade(options.workers, wss, req, socket, head);
    const kind = (req.url ?? '').startsWith('/attach/') ? 'attach' : 'exec';
    const component = kind === 'exec' ? componentExecShell(options, req) : undefined;
    if (component) return void wss.handleUpgrade(req, socket, head, (ws) => runShellExec(ws, component.shell, component.query));
    const target = resolveTarget(options.workers, req, kind);
    if (!target.container.running) throw new KubeletError(400, 'BadRequest', `container not found ("${target.container.spec.name}")`);
    const query = target.query;
    // The kubelet's own check (remotecommand NewOptions): with a tty, stderr is part of stdout.
    if (!['stdin', 'stdout'].some((flag) => queryFlag(query, flag)) && (queryFlag(query, 'tty') || !queryFlag(query, 'stderr'))) return writePlainError(socket, 400, 'you must specify at least 1 of stdin, stdout, stderr');
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',');
    if (chooseExecProtocol(offered) === undefined) throw new KubeletError(400, 'BadRequest', `requested protocol(s) are not supported: [${offered.map((p) => p.trim()).join(' ')}]; supports [${CHANNEL_PROTOCOLS.join(' ')}]`);
    wss.handleUpgrade(req, socket, head, (ws) => (kind === 'attach' ? runAttachSession(ws, target, options.workers, options.clock) : runExecSession(ws, target, options.workers)));
  } catch (error) {
    writeUpgradeFailure(socket, error);
  }
}

function advertisedHost(host: string, advertiseHost: string | undefined): string {
  const name = advertiseHost || (host === '0.0.0.0' || host === '::' ? hostname() : host);
  return name.includes(':') ? `[${name}]` : name;
}
