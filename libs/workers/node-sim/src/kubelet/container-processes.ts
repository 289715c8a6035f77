import type { ContainerRuntime, RunningProcess } from '../lifecycle/lifecycle.types';
import type { ProgramLine } from '../runtime/container-program';
import type { ContainerShell } from '../shell/container-shell';

/** Lines kept per instance of a script (the oldest are dropped, as a rotated log would be). */
const MAX_LINES = 5_000;

interface LiveProcess {
  podKey: string;
  abort: AbortController;
  /** The script ended; the entry stays until its container is no longer running, so it never runs twice. */
  ended: boolean;
}

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

  /** Scripts running now. */
  get size(): number {
    return [...this.live.values()].filter((process) => !process.ended).length;
  }

  private stop(id: string): void {
    this.live.get(id)?.abort.abort();
    this.live.delete(id);
  }

  private start(podKey: string, c: ContainerRuntime, running: RunningProcess): void {
    const abort = new AbortController();
    const process: LiveProcess = { podKey, abort, ended: false };
    this.live.set(running.id, process);
    const output = running.program.output;
    const pending: Record<1 | 2, string> = { 1: '', 2: '' };
    const append = (stream: 1 | 2, chunk: Buffer) => {
      const lines = (pending[stream] + chunk.toString('utf8')).split('\n');
      pending[stream] = lines.pop() ?? '';
      const atMs = Math.max(0, this.host.nowMs() - running.startedAtMs);
      for (const text of lines) output.push({ atMs, stream: stream === 1 ? 'stdout' : 'stderr', text } satisfies ProgramLine);
      if (output.length > MAX_LINES) output.splice(0, output.length - MAX_LINES);
    };
    this.host
      .shell(c)
      .run(running.program.script!, { output: append, signal: abort.signal })
      .then(
        (exitCode) => {
          for (const stream of [1, 2] as const) if (pending[stream]) append(stream, Buffer.from('\n'));
          process.ended = true;
          if (!abort.signal.aborted) this.host.exited(c, running.id, exitCode);
        },
        (error) => this.host.log(`container ${running.id.slice(0, 12)}: script failed: ${(error as Error).message}`),
      );
  }
}
