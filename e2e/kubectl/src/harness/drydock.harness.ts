import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiClient } from './api-client';
import { CommandResult, runCommand, RunOptions, startStreamingCommand, StreamingCommand } from './command';
import { findFreePort } from './free-port';
import { kubectlBinaries } from './kubectl-binaries';
import { readAdminCredentials } from './kubeconfig';
import { killLeftoverPostgres, processGroupAlive, waitFor } from './process-group';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
const LAUNCHER_ARGS = ['-r', './tools/register-typescript.js', 'apps/drydock/src/main.ts'];
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const OUTPUT_LIMIT = 256 * 1024;

export interface StopResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether some process of the launcher's process group outlived the launcher by more than 10 s. */
  leftoverProcesses: boolean;
}

export interface Drydock {
  readonly dataDir: string;
  readonly port: number;
  readonly kubeconfig: string;
  /** A scratch directory for files a test writes (edited manifests, editor scripts). */
  readonly workDir: string;
  /** An HTTPS client with the kubeconfig's CA and admin token (replaced on restart). */
  readonly api: ApiClient;
  /** Runs kubectl with this server's KUBECONFIG and its own KUBECACHEDIR. */
  run(args: string[], options?: RunOptions): Promise<CommandResult>;
  /** Runs helm with the same KUBECONFIG and a HOME of its own (helm's cache and config live under it). */
  helm(args: string[], options?: RunOptions): Promise<CommandResult>;
  /** Starts a long-running kubectl (for `get -w`). */
  stream(args: string[]): StreamingCommand;
  /** The environment kubectl runs with, for tests that spawn it themselves. */
  kubectlEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Everything the launcher printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** Ctrl-C: SIGINT to the launcher's process group, then wait for it to exit. */
  stop(): Promise<StopResult>;
  /** Starts the launcher again on the same data directory and port. */
  restart(): Promise<void>;
  /** Stops if running, cleans up what was left behind, removes the temporary directories. */
  destroy(): Promise<void>;
}

/**
 * Raised when the launcher dies from a signal the harness did not send (another process on this machine
 * killed it): an accident of the environment, not a behaviour of Drydock, so startDrydock tries once more.
 */
class KilledFromOutsideError extends Error {}

/**
 * Starts Drydock exactly as a user would (`npm start`'s command) on a fresh data directory and a free port;
 * `env`: settings of this Drydock beyond the test process's environment (`DRYDOCK_MAX_CLUSTERS_PER_OWNER`).
 */
export async function startDrydock(env: NodeJS.ProcessEnv = {}, attempt = 1): Promise<Drydock> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-e2e-'));
  for (const dir of ['work', 'home', 'kube-cache']) fs.mkdirSync(path.join(root, dir));
  // The data directory is what `DRYDOCK_DATA_DIR=$(mktemp -d) npm start` gives: its own fresh temp dir.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drydock-e2e-data-'));
  const drydock = new DrydockProcess(root, dataDir, await findFreePort(), env);
  try {
    await drydock.start();
  } catch (error) {
    await drydock.destroy().catch(() => undefined);
    if (error instanceof KilledFromOutsideError && attempt === 1) {
      process.stderr.write(`[harness] ${error.message.split('\n')[0]}; starting a fresh Drydock once more\n`);
      return startDrydock(env, attempt + 1);
    }
    throw error;
  }
  return drydock;
}

class DrydockProcess implements Drydock {
  readonly kubeconfig: string;
  readonly workDir: string;
  private child?: ChildProcess;
  /** Whether the harness itself signalled the launcher since its last start. */
  private signalled = false;
  private exit?: { code: number | null; signal: NodeJS.Signals | null };
  private log = '';
  private client?: ApiClient;

  constructor(
    private readonly root: string,
    readonly dataDir: string,
    readonly port: number,
    private readonly settings: NodeJS.ProcessEnv = {},
  ) {
    this.kubeconfig = path.join(this.dataDir, 'kubeconfig');
    this.workDir = path.join(root, 'work');
  }

  get api(): ApiClient {
    if (!this.client) this.client = new ApiClient(readAdminCredentials(this.kubeconfig));
    return this.client;
  }

  async start(): Promise<void> {
    this.exit = undefined;
    this.signalled = false;
    this.appendLog(`\n[harness] starting Drydock: DRYDOCK_DATA_DIR=${this.dataDir} DRYDOCK_API_PORT=${this.port}\n`);
    const child = spawn(process.execPath, LAUNCHER_ARGS, {
      cwd: REPO_ROOT,
      env: this.launcherEnv(),
      detached: true, // its own process group, so stop() can signal the group as a terminal's Ctrl-C does
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.appendLog(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.appendLog(chunk.toString()));
    child.on('exit', (code, signal) => (this.exit = { code, signal }));
    await this.waitUntilReady();
  }

  run(args: string[], options: RunOptions = {}): Promise<CommandResult> {
    return runCommand(kubectlBinaries().kubectl, args, 'kubectl', { ...options, env: this.kubectlEnv(options.env) });
  }

  helm(args: string[], options: RunOptions = {}): Promise<CommandResult> {
    return runCommand(kubectlBinaries().helm, args, 'helm', { ...options, env: this.kubectlEnv(options.env) });
  }

  stream(args: string[]): StreamingCommand {
    return startStreamingCommand(kubectlBinaries().kubectl, args, 'kubectl', this.kubectlEnv());
  }

  kubectlEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: path.join(this.root, 'home'),
      KUBECONFIG: this.kubeconfig,
      KUBECACHEDIR: path.join(this.root, 'kube-cache'),
      ...extra,
    };
  }

  output(): string {
    return this.log;
  }

  async stop(): Promise<StopResult> {
    const child = this.child;
    this.client?.close();
    this.client = undefined;
    if (!child?.pid) throw new Error('Drydock was never started');
    if (!this.exit) {
      this.signalled = true;
      process.kill(-child.pid, 'SIGINT');
      const exited = await waitFor(() => this.exit !== undefined, STOP_TIMEOUT_MS);
      if (!exited) {
        process.kill(-child.pid, 'SIGKILL');
        throw new Error(`Drydock did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGINT (Ctrl-C); killed.\n${this.outputTail()}`);
      }
    }
    const groupGone = await waitFor(() => !processGroupAlive(child.pid!), 10_000);
    return { ...this.exit!, leftoverProcesses: !groupGone };
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async destroy(): Promise<void> {
    try {
      if (this.child && !this.exit) await this.stop();
    } finally {
      if (this.child?.pid && processGroupAlive(this.child.pid)) process.kill(-this.child.pid, 'SIGKILL');
      await killLeftoverPostgres(this.dataDir);
      if (!process.env.DRYDOCK_E2E_KEEP) {
        fs.rmSync(this.root, { recursive: true, force: true });
        fs.rmSync(this.dataDir, { recursive: true, force: true });
      }
    }
  }

  private launcherEnv(): NodeJS.ProcessEnv {
    // The kubectl suites need no dashboard (its own suites start it on a free port; npm start's default,
    // 3000, would collide between concurrent harnesses).
    // Nor an etcd endpoint on kubeadm's 2379, unless the suite gives it a port of its own (DRYDOCK_ETCD_PORT).
    const env: NodeJS.ProcessEnv = { DRYDOCK_ETCD_PORT: '0', ...process.env, ...this.settings, DRYDOCK_DATA_DIR: this.dataDir, DRYDOCK_API_PORT: String(this.port), DRYDOCK_DASHBOARD: '0' };
    // What Jest adds is not what a user's shell has.
    delete env.NODE_ENV;
    delete env.JEST_WORKER_ID;
    return env;
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let lastProblem = 'no kubeconfig yet';
    while (Date.now() < deadline) {
      if (this.exit?.signal && !this.signalled) {
        throw new KilledFromOutsideError(`Drydock was killed by ${this.exit.signal}, which the harness did not send, before /readyz answered ok.\n${this.outputTail()}`);
      }
      if (this.exit) {
        throw new Error(`Drydock exited (code ${this.exit.code}, signal ${this.exit.signal}) before /readyz answered ok.\n${this.outputTail()}`);
      }
      if (fs.existsSync(this.kubeconfig)) {
        try {
          const { status, body } = await getReadyz(this.port, readAdminCredentials(this.kubeconfig).ca);
          if (status === 200 && body.trim() === 'ok') return;
          lastProblem = `/readyz answered ${status}: ${body.slice(0, 200)}`;
        } catch (error) {
          lastProblem = (error as Error).message;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(
      `Drydock did not answer "ok" on https://127.0.0.1:${this.port}/readyz within ${READY_TIMEOUT_MS / 1000} s (last: ${lastProblem}).\n${this.outputTail()}`,
    );
  }

  private appendLog(text: string): void {
    this.log = (this.log + text).slice(-OUTPUT_LIMIT);
  }

  private outputTail(): string {
    return `--- Drydock output (last 8 KiB) ---\n${this.log.slice(-8192)}\n--- end of output ---`;
  }
}

function getReadyz(port: number, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = https.get({ host: '127.0.0.1', port, path: '/readyz', ca, timeout: 5000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error('/readyz timed out after 5 s')));
    request.on('error', reject);
  });
}
