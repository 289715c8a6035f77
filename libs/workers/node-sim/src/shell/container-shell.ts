import { Bash, type BashOptions, type Command, type IFileSystem } from 'just-bash';
import type { Clock } from '@drydock/util';
import { captureOutput, OutputSink } from './output-capture.fs';
import { rewriteErrors, shellDialect, ShellDialect } from './shell-dialect';
import { streamOutput } from './stream-output.transform';
import { InteractiveShell } from './interactive-shell';

/** What a container's shell runs against; the filesystem is the container's own (see ContainerFilesystems). */
export interface ContainerShellOptions {
  fs: IFileSystem;
  /** The process environment as the kubelet built it. */
  env: Record<string, string>;
  /** The image's well-known name (busybox, nginx…), for the wording of /bin/sh's errors. */
  knownImage?: string;
  clock: Clock;
  /** Commands of the simulated world (hostname, env, wget…), defined once per container. */
  commands: Command[];
  /** Counts the scripts of this container running right now and not sleeping: each burns a core (resource usage). */
  activity?: ShellActivity;
}

/**
 * A container's scripts on the CPU (running, not in `sleep` or waiting on the network), as a CPU-time
 * counter: each script on the CPU adds a core's worth of (real) time, as a busy loop would.
 */
export class ShellActivity {
  private running = 0;
  private accumulatedMs = 0;
  private since = Date.now();

  start(): void {
    this.account();
    this.running++;
  }

  stop(): void {
    this.account();
    this.running = Math.max(0, this.running - 1);
  }

  /** CPU time so far, in ms (the way cgroups count usage_usec). */
  cpuTimeMs(now = Date.now()): number {
    return this.accumulatedMs + this.running * (now - this.since);
  }

  private account(): void {
    const now = Date.now();
    this.accumulatedMs += this.running * (now - this.since);
    this.since = now;
  }
}

export interface ShellIo {
  output: OutputSink;
  /** Everything the caller sent on stdin (a non-interactive run reads it as a whole). */
  stdin?: Buffer;
  /** Aborting stops the script at its next statement and wakes any `sleep`. */
  signal?: AbortSignal;
}

/** A process runs as long as it likes: just-bash's guards against runaway agents do not apply to PID 1. */
const PROCESS_LIMITS: BashOptions['executionLimits'] = {
  maxLoopIterations: Number.MAX_SAFE_INTEGER,
  maxCommandCount: Number.MAX_SAFE_INTEGER,
  maxOutputSize: Number.MAX_SAFE_INTEGER,
  // setTimeout's largest delay (about 24.8 days): a longer one would fire at once.
  maxExecutionTimeMs: 2 ** 31 - 1,
};

/**
 * A shell inside one container: just-bash over the container's filesystem and environment, with
 * `sleep` on the simulated clock and output streamed as each command finishes. Cheap to make (one
 * interpreter per run, about 5 ms); the filesystem is what persists between runs.
 */
export class ContainerShell {
  constructor(private readonly options: ContainerShellOptions) {}

  /** Runs argv as a process (`sh -c "…"`, `tar cf - /tmp`, `env`) and resolves with its exit code. */
  async run(argv: string[], io: ShellIo): Promise<number> {
    const dialect = shellDialect(this.options.knownImage, argv[0]);
    const activity = this.options.activity;
    const { bash, output } = this.interpreter(io, dialect, [], this.options.env, activity);
    const script = streamOutput(asScript(argv));
    const stdin = io.stdin ? io.stdin.toString('latin1') : undefined;
    activity?.start();
    try {
      const result = await bash.exec(script, { cwd: '/', rawScript: true, stdin, stdinKind: 'bytes', signal: io.signal });
      flushRemainder(result, output);
      return result.exitCode;
    } finally {
      activity?.stop();
    }
  }

  /**
   * An interactive shell (`sh`, `bash`…) reading lines, one session from the first line to `exit`;
   * `env` is added to the process environment (TERM with a tty, as the runtime sets it).
   */
  interactive(output: OutputSink, argv0 = 'sh', env: Record<string, string> = {}): InteractiveShell {
    const dialect = shellDialect(this.options.knownImage, argv0);
    return new InteractiveShell((signal, commands, exported) => this.interpreter({ output, signal }, dialect, commands, exported), { ...this.options.env, ...env }, dialect);
  }

  private interpreter(io: ShellIo, dialect: ShellDialect, commands: Command[] = [], env = this.options.env, activity?: ShellActivity): { bash: Bash; output: OutputSink } {
    const output: OutputSink = (stream, chunk) => io.output(stream, stream === 2 ? Buffer.from(rewriteErrors(chunk.toString('utf8'), dialect)) : chunk);
    const bash = new Bash({
      fs: captureOutput(this.options.fs, output),
      env,
      cwd: '/',
      customCommands: [...this.options.commands, ...commands],
      sleep: simulatedSleep(this.options.clock, io.signal, activity),
      executionLimits: PROCESS_LIMITS,
      processInfo: { pid: 1, ppid: 0, uid: 0, gid: 0 },
      // Its guard against guest JavaScript would also block our clock's timers; scripts here run no JavaScript.
      defenseInDepth: false,
    });
    return { bash, output };
  }
}

/** Output written before the stream redirection took effect, or to /dev/stdout: delivered at the end. */
function flushRemainder(result: { stdout: string; stderr: string; stdoutKind?: string }, output: OutputSink): void {
  if (result.stdout) output(1, Buffer.from(result.stdout, result.stdoutKind === 'bytes' ? 'latin1' : 'utf8'));
  if (result.stderr) output(2, Buffer.from(result.stderr));
}

/**
 * `sleep` on the simulated clock; an abort wakes it so the script can stop. `sleep 0` (which every
 * loop body starts with: see streamOutput) still waits for the event loop's next turn.
 */
function simulatedSleep(clock: Clock, signal: AbortSignal | undefined, activity?: ShellActivity): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      if (ms <= 0) return void setImmediate(resolve);
      // A sleeping script is off the CPU.
      activity?.stop();
      const wake = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        activity?.start();
        resolve();
      };
      const timer = clock.setTimeout(wake, Math.min(ms, 2 ** 31 - 1));
      signal?.addEventListener('abort', wake, { once: true });
    });
}

const SHELL = /^(\/usr)?(\/bin\/)?(sh|ash|bash|dash)$/;

/**
 * The script argv runs. `sh -c SCRIPT [NAME ARGS…]` runs SCRIPT itself at the top level (a nested
 * `sh -c` would hand its output back only when it ends), with ARGS as $1…; anything else is argv quoted.
 */
function asScript(argv: string[]): string {
  if (!SHELL.test(argv[0] ?? '') || argv[1] !== '-c' || argv.length < 3) return quoteArgv(argv);
  const positional = argv.slice(4);
  return positional.length ? `set -- ${quoteArgv(positional)}\n${argv[2]}` : argv[2];
}

/** Quotes argv into one shell line, each word as itself. */
export function quoteArgv(argv: string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
