import { ManagedProcess, startAppProcess } from './child-process';

/**
 * Keeps a worker process running, as a kubelet keeps a static pod: when it exits on its own (a
 * controller-manager that lost its Lease, a crash), it is started again after a back-off of 1 s
 * doubling to 10 s (reset once it has run for a minute). stop() ends it for good.
 */
export class SupervisedProcess {
  private current: ManagedProcess;
  private stopped = false;
  private backoffMs = 1000;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    private readonly name: string,
    private readonly app: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
    private readonly report: (line: string) => void,
    /** Told of every start (with the pid) and of every exit the supervisor did not ask for. */
    private readonly observer?: { started(pid: number | undefined): void; exited(code: number | null): void },
  ) {
    this.current = this.launch();
  }

  private launch(): ManagedProcess {
    const started = Date.now();
    const process = startAppProcess(this.name, this.app, this.env, this.logDir);
    // The log is appended to from here on: its size now is where this instance's output begins.
    this.observer?.started(process.child.pid);
    void process.exited.then((code) => {
      if (this.stopped) return;
      this.observer?.exited(code);
      if (Date.now() - started > 60_000) this.backoffMs = 1000;
      this.report(`[launcher] ${this.name} exited with code ${code}; restarting it in ${this.backoffMs / 1000}s\n`);
      this.restartTimer = setTimeout(() => {
        if (!this.stopped) this.current = this.launch();
      }, this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, 10_000);
    });
    return process;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.current.stop();
  }
}
