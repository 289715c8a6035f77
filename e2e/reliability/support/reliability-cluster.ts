import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { launchDrydock, ManagedProcess, RunningDrydock, startAppProcess } from '@drydock/launcher';
import { findFreePort } from '@drydock/storage';
import { loadKubeconfig } from '@drydock/client';
import { Endpoint, KubeConnection } from './kube-http';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Compaction every 200 ms over a 5 s window, for every scenario (etcd's robustness traffic compacts as
 * often), and a watch bookmark every second (upstream: every minute), so that watches of seconds get them.
 */
export const compactionEnv = { DRYDOCK_COMPACTION_INTERVAL_SECONDS: '0.2', DRYDOCK_COMPACTION_WINDOW_SECONDS: '5', DRYDOCK_WATCH_BOOKMARK_INTERVAL_SECONDS: '1' };

/**
 * One Drydock as `npm start` runs it (embedded PostgreSQL, the API server, the controller-manager, the
 * scheduler and a node simulator, each a supervised process), on 127.0.0.1 and free ports, plus the
 * faults the scenarios inject into it. Further API servers are plain processes on the same DATABASE_URL,
 * as docker/compose.yaml runs them.
 */
export class ReliabilityCluster {
  private readonly extra: ManagedProcess[] = [];

  private constructor(
    readonly dataDir: string,
    readonly drydock: RunningDrydock,
    readonly endpoint: Endpoint,
  ) {}

  /**
   * `apiServerEnv`: more environment for the launcher's API server (beside compaction every 200 ms);
   * `postgresSettings`: the embedded PostgreSQL's (postgres -c), as the launcher takes them.
   */
  static async start(options: { controlLoop: boolean; apiServerEnv?: NodeJS.ProcessEnv; postgresSettings?: Record<string, string> }): Promise<ReliabilityCluster> {
    const dataDir = mkdtempSync(join(tmpdir(), 'drydock-reliability-'));
    const apiPort = await findFreePort();
    const drydock = await launchDrydock({ dataDir, apiHost: '127.0.0.1', apiPort, controlLoop: options.controlLoop, nodes: 2, clockScale: 10, controlPlane: false, dashboard: false, postgresSettings: options.postgresSettings, apiServerEnv: { ...compactionEnv, ...options.apiServerEnv } }, () => undefined);
    const config = loadKubeconfig(join(dataDir, 'kubeconfig'), 'reliability');
    return new ReliabilityCluster(dataDir, drydock, { server: config.server, caCert: config.caCert, token: config.token });
  }

  pid(name: string): number | undefined {
    return this.drydock.pids()[name];
  }

  /** kill -9 of a supervised part; resolves with the pid killed. */
  kill(name: string): number {
    const pid = this.pid(name);
    if (!pid) throw new Error(`${name} is not running`);
    process.kill(pid, 'SIGKILL');
    return pid;
  }

  /** Waits until the part runs again under another pid. */
  async restarted(name: string, killed: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.pid(name) || this.pid(name) === killed) {
      if (Date.now() > deadline) throw new Error(`${name} was not restarted within ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  /**
   * Polls /readyz until it answers 200 ok; resolves with the milliseconds waited. 180 s, as the compose
   * topology's: an API server (re)started on this shared 2-core machine at a load of 20-35 waits for a core
   * most of its start (about 2.5 s of CPU, 17-60 s of wall time: its `API server listening` log line has
   * both), which is no fault of the product's; the time is printed by the scenarios that wait for it.
   */
  async ready(endpoint: Endpoint = this.endpoint, timeoutMs = 180_000): Promise<number> {
    const connection = new KubeConnection(endpoint);
    const began = Date.now();
    try {
      while ((await connection.request('GET', '/readyz', undefined, 2000)).status !== 200) {
        if (Date.now() > began + timeoutMs) throw new Error(`${endpoint.server} not ready within ${timeoutMs} ms`);
        await sleep(100);
      }
      return Date.now() - began;
    } finally {
      connection.close();
    }
  }

  /** A second API server process on the same database and data directory (its PKI), on `port`. */
  async startApiServer(port?: number): Promise<{ endpoint: Endpoint; process: ManagedProcess; port: number }> {
    const apiPort = port ?? (await findFreePort());
    const logDir = join(this.dataDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    const env = { ...compactionEnv, DATABASE_URL: this.drydock.databaseUrl, DRYDOCK_DATA_DIR: this.dataDir, DRYDOCK_API_HOST: '127.0.0.1', DRYDOCK_API_PORT: String(apiPort), DRYDOCK_ETCD_PORT: '0' };
    const started = startAppProcess(`apiserver-${apiPort}`, 'apiserver', env, logDir);
    this.extra.push(started);
    const endpoint = { ...this.endpoint, server: `https://127.0.0.1:${apiPort}` };
    const readyAfterMs = await this.ready(endpoint);
    process.stdout.write(`[reliability] API server on port ${apiPort} ready ${readyAfterMs} ms after its start\n`);
    return { endpoint, process: started, port: apiPort };
  }

  /** Runs SQL on the database directly (the faults below the API: LISTEN drops, stalled transactions). */
  async sql<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.drydock.databaseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    for (const started of this.extra) await started.stop();
    await this.drydock.stop();
    // RELIABILITY_KEEP_DATA=1 keeps the data directory (its logs/ hold every process's log) for a post-mortem.
    if (process.env.RELIABILITY_KEEP_DATA === '1') process.stdout.write(`[reliability] data directory kept: ${this.dataDir}\n`);
    else rmSync(this.dataDir, { recursive: true, force: true });
  }
}
