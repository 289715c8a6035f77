import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDrydock } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { loadKubeconfig } from '@drydock/client';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Milliseconds from sending to the end of the body. */
  elapsedMs: number;
}

export interface RawRequest {
  method: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Sends no Authorization header when null; another token when a string (default: the admin's). */
  token?: string | null;
  /** A stream (watch, follow): answered once the headers and the first `streamMs` of the body arrived. */
  streamMs?: number;
}

/** A Drydock under hostile input: raw HTTPS without a client library's checks, and a record of crashes. */
export interface RobustDrydock {
  server: string;
  token: string;
  caCert: string;
  dataDir: string;
  /** Sends the request; rejects with a `hang` error when no complete answer came within `timeoutMs`. */
  send(request: RawRequest, timeoutMs?: number): Promise<Answer>;
  /** Why the API server process exited, if it did since the start. */
  crashed(): string | undefined;
  /** A gauge or counter from /metrics (the first sample whose line starts with `name`). */
  metric(name: string): Promise<number>;
  /** The API server's own log so far. */
  apiserverLog(): string;
}

export interface RobustDrydockOptions {
  name: string;
  /** Also run the controller-manager, scheduler and one simulated node (for pods that can be exec'ed into). */
  controlLoop?: boolean;
}

/** One Drydock per spec file, started in beforeAll and removed in afterAll, as e2e/workers/support/use-drydock. */
export function useRobustDrydock(options: RobustDrydockOptions): () => RobustDrydock {
  jest.setTimeout(180_000);
  let running: { stop(): Promise<void> } | undefined;
  let drydock: RobustDrydock | undefined;
  let agent: https.Agent | undefined;
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), `drydock-${options.name}-`));
    const launched = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort: await findFreePort(), nodes: options.controlLoop ? 1 : undefined, controlLoop: options.controlLoop, controlPlane: false }, () => undefined);
    running = launched;
    let exit: string | undefined;
    void launched.failed.then((why) => (exit = why));
    const config = loadKubeconfig(join(dataDir, 'kubeconfig'), `${options.name}-e2e`);
    agent = new https.Agent({ ca: config.caCert, keepAlive: true, maxSockets: 256 });
    const send = (request: RawRequest, timeoutMs = 15_000) => sendRaw(config.server, agent as https.Agent, config.token, request, timeoutMs);
    drydock = {
      server: config.server,
      token: config.token,
      caCert: config.caCert,
      dataDir,
      send,
      crashed: () => exit,
      metric: async (name) => {
        const text = (await send({ method: 'GET', path: '/metrics' })).text;
        const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
        if (!line) throw new Error(`no metric ${name}`);
        return Number(line.slice(line.lastIndexOf(' ') + 1));
      },
      apiserverLog: () => readFileSync(join(dataDir, 'logs', 'apiserver.log'), 'utf8'),
    };
  }, 150_000);
  afterAll(async () => {
    agent?.destroy();
    await running?.stop();
    if (drydock) rmSync(drydock.dataDir, { recursive: true, force: true });
  }, 60_000);
  return () => {
    if (!drydock) throw new Error('Drydock did not start; see the beforeAll failure');
    return drydock;
  };
}

function sendRaw(server: string, agent: https.Agent, adminToken: string, request: RawRequest, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers: Record<string, string | number> = { Accept: 'application/json', ...request.headers };
    const token = request.token === undefined ? adminToken : request.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (request.body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      headers['Content-Length'] = Buffer.byteLength(request.body);
    }
    // A path the URL parser would normalise (`..`, spaces) still goes out byte for byte.
    const url = new URL(server);
    let req: ReturnType<typeof https.request>;
    try {
      req = https.request({ host: url.hostname, port: url.port, path: request.path, method: request.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      const answer = () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text), elapsedMs: performance.now() - started });
      };
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', answer);
      if (request.streamMs !== undefined) {
        setTimeout(() => {
          answer();
          req.destroy();
        }, request.streamMs);
      }
      res.on('error', fail);
    });
    } catch (error) {
      // Node refuses to send some bytes (a path with spaces, a header with a newline): no request was made.
      reject(Object.assign(error as Error, { unsendable: true }));
      return;
    }
    const timer = setTimeout(() => {
      req.destroy();
      fail(new Error(`hang: no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    req.on('error', fail);
    req.end(request.body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
