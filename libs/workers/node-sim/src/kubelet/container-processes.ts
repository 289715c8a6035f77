import type { ContainerRuntime, RunningProcess } from '../lifecycle/lifecycle.types';
import type { ProgramLine } from '../runtime/container-program';
import type { ContainerShell } from '../shell/container-shell';
import { InteractiveSession, terminalOutput } from '../server/interactive-session';

/** Lines kept per instance of a script (the oldest are dropped, as a rotated log would be). */
const MAX_LINES = 5_000;

interface LiveProcess {
  podKey: string;
  abort: AbortController;
  /** The script ended; the entry stays until its container is no longer running, so it never runs twice. */
  ended: boolean;
  /** Attached clients (kubectl attach): each chunk as the process prints it. */
  listeners: Set<OutputListener>;
  exitListeners: Set<(exitCode: number) => void>;
  /** The process's stdin, for a shell started with `stdin: true`. */
  session?: InteractiveSession;
}

export type OutputListener = (stream: 1 | 2, chunk: Buffer) => void;

/** What `kubectl attach` reaches of a running script: its output from now on, its stdin, its end. */
export interface ProcessAttachment {
  /** Subscribes to output and to the exit; returns the unsubscribe. */
  subscribe(output: OutputListener, exited: (exitCode: number) => void): () => void;
  /** Writes to the process's stdin; undefined when the container was not started with `stdin: true`. */
  stdin?: { write(data: Buffer): void; close(): void; resize(columns: number, lines: number): void };
}

const SHELL = /^(\/usr)?(\/bin\/)?(sh|ash|bash|dash)$/;

export interface ProcessHost {
  /** Simulated now, on the pod workers' timeline. */
  nowMs(): number;
  shell(container: ContainerRuntime): ContainerShell;
  /** The script of container instance `containerId` ended with `exitCode` (not called after a stop). */
  exited(container: ContainerRuntime, containerId: string, exitCode: number): void;
  log(message: string): void;
}

/**
 * The interpreters of containers whose command is a script: each runs in the container's shell on
 * the simulated clock, its output appended to the instance's program as it is printed. A process
 * is started when the lifecycle machine starts its container and aborted when the container stops
 * (exit, liveness kill, pod deletion). Containers without a script never get one.
 */
export class ContainerProcesses {
  private readonly live = new Map<string, LiveProcess>();

  constructor(private readonly host: ProcessHost) {}

  /** Starts the scripts of newly started containers of a pod and stops those no longer running. */
  reconcile(podKey: string, containers: ContainerRuntime[]): void {
    const running = new Set<string>();
    for (const c of containers) {
      if (!c.running) continue;
      running.add(c.running.id);
      if (c.running.program.script && !this.live.has(c.running.id)) this.start(podKey, c, c.running);
    }
    for (const [id, process] of this.live) if (process.podKey === podKey && !running.has(id)) this.stop(id);
  }

  /** Stops every script of the pod (the pod is gone). */
  stopPod(podKey: string): void {
    for (const [id, process] of this.live) if (process.podKey === podKey) this.stop(id);
  }

  stopAll(): void {
    for (const id of [...this.live.keys()]) this.stop(id);
  }

  /** The running script of container instance `containerId`, for attach; undefined when it has none or it ended. */
  attach(containerId: string): ProcessAttachment | undefined {
    const process = this.live.get(containerId);
    if (!process || process.ended) return undefined;
    const session = process.session;
    return {
      subscribe: (output, exited) => {
        process.listeners.add(output);
        process.exitListeners.add(exited);
        return () => {
          process.listeners.delete(output);
          process.exitListeners.delete(exited);
        };
      },
      stdin: session && { write: (data) => session.input(data), close: () => session.endInput(), resize: (columns, lines) => session.resize(columns, lines) },
    };
  }

  /** Scripts running now. */
  get size(): number {
    return [...this.live.values()].filter((process) => !process.ended).length;
  }

  private stop(id: string): void {
    this.live.get(id)?.abort.abort();
    this.live.delete(id);
  }

  private start(podKey: string, c: ContainerRuntime, running: RunningProcess): void {
    const process: LiveProcess = { podKey, abort: new AbortController(), ended: false, listeners: new Set(), exitListeners: new Set() };
    this.live.set(running.id, process);
    const output = running.program.output;
    const pending: Record<1 | 2, string> = { 1: '', 2: '' };
    const append = (stream: 1 | 2, chunk: Buffer) => {
      for (const listener of process.listeners) listener(stream, chunk);
      const lines = (pending[stream] + chunk.toString('utf8')).split('\n');
      pending[stream] = lines.pop() ?? '';
      const atMs = Math.max(0, this.host.nowMs() - running.startedAtMs);
      for (const text of lines) output.push({ atMs, stream: stream === 1 ? 'stdout' : 'stderr', text } satisfies ProgramLine);
      if (output.length > MAX_LINES) output.splice(0, output.length - MAX_LINES);
    };
    const ended = (exitCode: number) => {
      if (process.ended) return;
      for (const stream of [1, 2] as const) if (pending[stream]) append(stream, Buffer.from('\n'));
      process.ended = true;
      for (const listener of process.exitListeners) listener(exitCode);
      if (!process.abort.signal.aborted) this.host.exited(c, running.id, exitCode);
    };
    const argv = running.program.script!;
    if (c.spec.stdin === true && argv.length === 1 && SHELL.test(argv[0])) return this.startInteractive(process, c, argv[0], append, ended);
    this.host
      .shell(c)
      .run(argv, { output: append, signal: process.abort.signal })
      .then(ended, (error) => this.host.log(`container ${running.id.slice(0, 12)}: script failed: ${(error as Error).message}`));
  }

  /**
   * A shell as PID 1 with its stdin kept open (`stdin: true`, as `kubectl run -it … -- sh` makes it):
   * it waits for lines from whoever attaches; with `tty: true` it prints its prompt and echoes, as a
   * terminal would, into the container's log too.
   */
  private startInteractive(process: LiveProcess, c: ContainerRuntime, argv0: string, append: OutputListener, ended: (exitCode: number) => void): void {
    const tty = c.spec.tty === true;
    const send = (stream: 1 | 2, data: Buffer | string) => (tty ? append(1, terminalOutput(data)) : append(stream, Buffer.from(data)));
    // A tty container gets TERM=xterm from the runtime, as containerd's WithTTY does.
    const shell = this.host.shell(c).interactive((stream, chunk) => send(stream, chunk), argv0, tty ? { TERM: 'xterm' } : {});
    process.session = new InteractiveSession(shell, tty, { send, finish: ended });
    process.abort.signal.addEventListener('abort', () => process.session?.abort(), { once: true });
  }
}
