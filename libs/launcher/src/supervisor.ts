import { ManagedProcess, startAppProcess } from './child-process';

/** What a supervisor keeps running: a process (or server) that says why it ended. */
export interface Supervised {
  /** Resolves, once, with why the instance ended ("exited with code 1", "was killed by SIGKILL"). */
  ended: Promise<string>;
  stop(): Promise<void>;
}

/** Restart back-off (docs/configuration.md: DRYDOCK_RESTART_BACKOFF_SECONDS, DRYDOCK_RESTART_BACKOFF_MAX_SECONDS). */
export interface RestartPolicy {
  /** The first delay before a restart; it doubles with every restart in a row. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** An instance that ran this long resets the back-off (kubelet's 10 minutes, shortened for a local tool). */
  resetAfterMs: number;
}

export const defaultRestartPolicy: RestartPolicy = { initialBackoffMs: 1000, maxBackoffMs: 10_000, resetAfterMs: 60_000 };

/**
 * Keeps one instance running, as a kubelet keeps a static pod: when it ends on its own (a crash, a
 * `kill -9`, a controller-manager that lost its Lease), it is started again after the policy's back-off,
 * and every restart is reported with the reason. A restart that fails to start is retried the same way.
 * stop() ends it for good.
 */
export class Supervisor<T extends Supervised> {
  private current?: T;
  private stopped = false;
  private backoffMs: number;
  private restartTimer?: NodeJS.Timeout;
  private starting?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly start: () => Promise<T>,
    private readonly report: (line: string) => void,
    /** Told of every start and of every end the supervisor did not ask for. */
    private readonly observer?: { started(instance: T): void; ended(why: string, instance: T): void },
    private readonly policy: RestartPolicy = defaultRestartPolicy,
  ) {
    this.backoffMs = policy.initialBackoffMs;
  }

  /** Starts the first instance; a failure here is the caller's (the launcher reports a failed start). */
  async run(): Promise<T> {
    const instance = await this.start();
    this.adopt(instance, Date.now());
    return instance;
  }

  /** The running instance, if any (undefined while waiting to restart). */
  get instance(): T | undefined {
    return this.current;
  }

  private adopt(instance: T, startedAt: number): void {
    this.current = instance;
    this.observer?.started(instance);
    void instance.ended.then((why) => {
      if (this.stopped || this.current !== instance) return;
      this.current = undefined;
      this.observer?.ended(why, instance);
      if (Date.now() - startedAt >= this.policy.resetAfterMs) this.backoffMs = this.policy.initialBackoffMs;
      this.scheduleRestart(`${this.name} ${why}`);
    });
  }

  private scheduleRestart(reason: string): void {
    const delayMs = this.backoffMs;
    this.backoffMs = Math.min(delayMs * 2, this.policy.maxBackoffMs);
    this.report(`[launcher] ${reason}; restarting it in ${delayMs / 1000}s\n`);
    this.restartTimer = setTimeout(() => (this.starting = this.restart()), delayMs);
  }

  private async restart(): Promise<void> {
    if (this.stopped) return;
    const startedAt = Date.now();
    try {
      const instance = await this.start();
      if (this.stopped) return void (await instance.stop());
      this.adopt(instance, startedAt);
    } catch (error) {
      if (!this.stopped) this.scheduleRestart(`${this.name} failed to start again (${(error as Error).message.split('\n')[0]})`);
    }
  }

  /** No more restarts (a shutdown has begun: Ctrl-C reaches every process of the group at once). */
  stopRestarting(): void {
    this.stopped = true;
    clearTimeout(this.restartTimer);
  }

  async stop(): Promise<void> {
    this.stopRestarting();
    await this.starting;
    await this.current?.stop();
  }
}

/** A Drydock process (`apps/<app>/src/main.ts`) under a Supervisor. */
export function superviseApp(name: string, app: string, env: NodeJS.ProcessEnv, logDir: string, report: (line: string) => void, observer?: { started(pid: number | undefined): void; exited(code: number | null): void }, policy?: RestartPolicy): Supervisor<ManagedProcess> {
  const lifecycle = observer && { started: (process: ManagedProcess) => observer.started(process.child.pid), ended: (_why: string, process: ManagedProcess) => observer.exited(process.child.exitCode) };
  return new Supervisor(name, async () => startAppProcess(name, app, env, logDir), report, lifecycle, policy);
}
