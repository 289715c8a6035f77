import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { Drydock, REPO_ROOT } from '../../harness/drydock.harness';

const CONTROLLER_MANAGER_MAIN = 'apps/controller-manager/src/main.ts';

/** A second kube-controller-manager started by the test, as an operator would for high availability. */
export class StandbyControllerManager {
  private output = '';
  private exited = false;
  private readonly child: ChildProcess;

  constructor(drydock: Drydock, clockScale: string) {
    this.child = spawn(process.execPath, ['-r', './tools/register-typescript.js', CONTROLLER_MANAGER_MAIN], {
      cwd: REPO_ROOT,
      env: { ...process.env, KUBECONFIG: drydock.kubeconfig, DRYDOCK_DATA_DIR: drydock.dataDir, DRYDOCK_CLOCK_SCALE: clockScale },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.on('exit', () => (this.exited = true));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return !this.exited;
  }

  log(): string {
    return this.output;
  }

  /** The identity this process announced when it became leader, if it did. */
  leaderIdentity(): string | undefined {
    return /controller-manager: (\S+) became leader/.exec(this.output)?.[1];
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }
}

/**
 * The controller-manager processes `npm start` launched for this Drydock: a node process running the
 * controller-manager's main with this Drydock's DRYDOCK_DATA_DIR in its environment (read from /proc, so
 * other Drydocks on the machine, and processes the test started itself, are never matched).
 */
export function launchedControllerManagerPids(drydock: Drydock, except: number[]): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || except.includes(pid)) continue;
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(CONTROLLER_MANAGER_MAIN)) continue;
      if (fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`DRYDOCK_DATA_DIR=${drydock.dataDir}`)) pids.push(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
