import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EmbeddedPostgres, findFreePort, startEmbeddedPostgres } from '@drydock/storage';
import { loadKubeconfig } from '@drydock/client';
import { Endpoint, KubeConnection } from './kube-http';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const repoRoot = join(__dirname, '..', '..', '..');
export const composeFile = join(repoRoot, 'docker', 'compose.yaml');

/** The part of a compose service that says what runs and how. */
export interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  restart?: string;
  depends_on?: Record<string, unknown> | string[];
}

/** docker/compose.yaml's services, with its YAML anchors and merge keys resolved as compose resolves them. */
export function composeServices(file = composeFile): Record<string, ComposeService> {
  return (parse(readFileSync(file, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> }).services;
}

/** A compose service running as a plain process; restarted as its `restart` policy says when it ends on its own. */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  restarts: number;
  exited: Promise<number | null>;
}

/**
 * docker/compose.yaml's topology as plain processes on 127.0.0.1 (issue #16 part 4): each Drydock service's
 * command and environment exactly as written there, with only the addresses mapped (a service's host name
 * to 127.0.0.1, its ports to free ones, the `/data` volume to a temporary directory) and the workers'
 * clock sped up. What compose gets from elsewhere is stood in for: PostgreSQL by the embedded server (as
 * a managed one), the haproxy load balancer by a TCP round-robin proxy (passthrough, a refused connection
 * tried on the next server), and compose's restart policy by restarting a service that ends on its own.
 */
export class ComposeTopology {
  readonly processes = new Map<string, ServiceProcess>();
  private readonly ports = new Map<string, number>();
  private stopping = false;

  private constructor(
    readonly services: Record<string, ComposeService>,
    readonly dataDir: string,
    readonly postgres: EmbeddedPostgres,
    private readonly balancer: { port: number; stop(): void },
    private readonly backendPorts: number[],
  ) {}

  static async start(options: { skip: string[]; workerEnv?: Record<string, string> }): Promise<ComposeTopology> {
    const dataDir = mkdtempSync(join(tmpdir(), 'drydock-topology-'));
    mkdirSync(join(dataDir, 'logs'));
    const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), logFile: join(dataDir, 'logs', 'postgres.log') });
    const services = composeServices();
    const backends = await Promise.all(Object.keys(services).filter((name) => services[name].command?.includes('apps/apiserver/src/main.ts')).map(() => findFreePort()));
    const balancer = await startBalancer(backends);
    const topology = new ComposeTopology(services, dataDir, postgres, balancer, backends);
    try {
      await topology.startAll(options.skip, options.workerEnv ?? {});
    } catch (error) {
      await topology.stop();
      throw error;
    }
    return topology;
  }

  /** The API servers' services (those running apps/apiserver). */
  apiServers(): string[] {
    return Object.keys(this.services).filter((name) => this.services[name].command?.includes('apps/apiserver/src/main.ts'));
  }

  /** An admin endpoint on one API server directly (a client spread over the servers), or on the load balancer. */
  endpoint(service?: string): Endpoint {
    const admin = loadKubeconfig(join(this.dataDir, 'kubeconfig'), 'topology');
    const port = service ? this.ports.get(`${service}:6443`) : this.balancer.port;
    return { server: `https://127.0.0.1:${port}`, caCert: admin.caCert, token: admin.token };
  }

  /** kill -9 of a service's process; the restart policy brings it back. Returns the pid killed. */
  kill(name: string): number {
    const running = this.processes.get(name);
    if (!running?.child.pid) throw new Error(`${name} is not running`);
    running.child.kill('SIGKILL');
    return running.child.pid;
  }

  log(name: string): string {
    return readFileSync(join(this.dataDir, 'logs', `${name}.log`), 'utf8');
  }

  async ready(endpoint: Endpoint, timeoutMs = 180_000): Promise<void> {
    const connection = new KubeConnection(endpoint);
    const deadline = Date.now() + timeoutMs;
    try {
      while ((await connection.request('GET', '/readyz', undefined, 2000)).status !== 200) {
        if (Date.now() > deadline) throw new Error(`${endpoint.server} not ready within ${timeoutMs} ms`);
        await sleep(200);
      }
    } finally {
      connection.close();
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const running = [...this.processes.values()].reverse();
    await Promise.all(running.map(async (service) => {
      if (service.child.exitCode !== null || service.child.signalCode !== null) return;
      service.child.kill('SIGTERM');
      const timer = setTimeout(() => service.child.kill('SIGKILL'), 10_000);
      await service.exited;
      clearTimeout(timer);
    }));
    this.balancer.stop();
    await this.postgres.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** In compose's order: the one-shot init, then the API servers (ready), the load balancer, then the rest. */
  private async startAll(skip: string[], workerEnv: Record<string, string>): Promise<void> {
    const runnable = Object.entries(this.services).filter(([name, service]) => service.command && !skip.includes(name));
    for (const [name, service] of Object.entries(this.services)) {
      if (service.command) this.ports.set(`${name}:6443`, this.apiServers().includes(name) ? this.backendPorts[this.apiServers().indexOf(name)] : await findFreePort());
      else if (service.ports?.length) {
        // The one service of another image that publishes a port is the API servers' load balancer.
        this.ports.set(`${name}:6443`, this.balancer.port);
        for (const mapping of service.ports) this.ports.set(publishedAddress(mapping), this.balancer.port);
      }
    }
    const oneShot = runnable.filter(([, service]) => service.restart === 'no');
    for (const [name, service] of oneShot) {
      const code = await this.run(name, service, {}).exited;
      if (code !== 0) throw new Error(`${name} exited with ${code}: ${this.log(name)}`);
    }
    const apiServers = this.apiServers().filter((name) => !skip.includes(name));
    for (const name of apiServers) this.run(name, this.services[name], {});
    for (const name of apiServers) await this.ready(this.endpoint(name));
    for (const [name, service] of runnable) {
      if (service.restart !== 'no' && !apiServers.includes(name)) this.run(name, service, workerEnv);
    }
  }

  private run(name: string, service: ComposeService, extraEnv: Record<string, string>): ServiceProcess {
    const [program, ...args] = service.command!;
    const logFile = join(this.dataDir, 'logs', `${name}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...this.plainProcessEnv(name, service.environment ?? {}), ...extraEnv };
    const child = spawn(program === 'node' ? process.execPath : program, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    const previous = this.processes.get(name);
    // 'close', not 'exit': the process's last output is still in its pipes when it exits.
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const running: ServiceProcess = { name, child, logFile, restarts: previous ? previous.restarts + 1 : 0, exited };
    this.processes.set(name, running);
    void exited.then(async () => {
      log.end();
      if (this.stopping || service.restart === 'no') return;
      await sleep(500);
      if (!this.stopping) this.run(name, service, extraEnv);
    });
    return running;
  }

  /** The service's environment with its addresses mapped onto this machine (see the class comment). */
  private plainProcessEnv(name: string, environment: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, raw] of Object.entries(environment)) {
      let value = String(raw).replace(/^\/data(?=\/|$)/, this.dataDir);
      value = value.replace(/\/\/([A-Za-z0-9.-]+):(\d+)/g, (whole, host: string, port: string) => {
        const mapped = this.ports.get(`${host}:${port}`);
        return mapped ? `//127.0.0.1:${mapped}` : whole;
      });
      if (key.endsWith('_HOST') && (value === '0.0.0.0' || this.services[value])) value = '127.0.0.1';
      env[key] = value;
    }
    if (env.DATABASE_URL) env.DATABASE_URL = this.postgres.url;
    if (env.DRYDOCK_API_PORT) env.DRYDOCK_API_PORT = String(this.ports.get(`${name}:6443`));
    // Each container has the port to itself; here they share one machine.
    for (const key of ['DRYDOCK_KUBELET_PORT', 'DRYDOCK_DASHBOARD_PORT']) if (env[key]) env[key] = '0';
    return env;
  }
}

/** `127.0.0.1:6443:6443` → `127.0.0.1:6443`: where a published port is reached from the host. */
function publishedAddress(mapping: string): string {
  const parts = mapping.split(':');
  return parts.length === 3 ? `${parts[0]}:${parts[1]}` : `127.0.0.1:${parts[0]}`;
}

/** The load balancer as its own process (support/tcp-balancer.ts): the workers' traffic stays off the test's event loop. */
async function startBalancer(backends: number[]): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ['-r', './tools/register-typescript.js', join(__dirname, 'tcp-balancer.ts'), ...backends.map(String)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`the load balancer exited with ${code}`)));
  });
  return { port, stop: () => void child.kill('SIGKILL') };
}
