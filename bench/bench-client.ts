import { Agent, request } from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** A minimal HTTPS client for the Kubernetes API, reading server, CA and token from a kubeconfig. */
export class BenchClient {
  readonly agent: Agent;
  readonly server: string;
  private readonly token: string;
  private readonly ca: Buffer;

  constructor(kubeconfigPath: string, maxSockets = 64) {
    const config = parse(readFileSync(kubeconfigPath, 'utf8'));
    this.server = config.clusters[0].cluster.server;
    this.ca = Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64');
    this.token = config.users[0].user.token;
    this.agent = new Agent({ keepAlive: true, maxSockets, ca: this.ca });
  }

  call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(`${this.server}${path}`, { method, agent: this.agent, headers: { authorization: `Bearer ${this.token}`, 'content-type': contentType, accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Opens a watch; `onEvent` gets each parsed event. Returns a function that closes it. */
  watch(path: string, onEvent: (event: { type: string; object: { metadata: { annotations?: Record<string, string> } } }) => void): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const req = request(`${this.server}${path}`, { method: 'GET', agent: false, ca: this.ca, headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' } }, (res) => {
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          let newline: number;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + 1);
            if (line.trim()) onEvent(JSON.parse(line));
          }
        });
        res.on('error', () => undefined);
        resolve(() => req.destroy());
      });
      req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
      req.end();
    });
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/**
 * Stops a bench's Drydock when the bench itself is killed or interrupted (`kill PID`, not only Ctrl-C
 * of the whole process group): its processes would otherwise run on without their launcher. Returns
 * the function that unregisters it, for the bench's `finally`.
 */
export function stopOnSignal(stop: () => Promise<unknown>): () => void {
  const handler = () => void stop().catch(() => undefined).finally(() => process.exit(130));
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
