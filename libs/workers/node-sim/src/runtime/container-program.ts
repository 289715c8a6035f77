import { runArgv } from '../shell/simulated-shell';
import type { ShellContext } from '../shell/shell.types';
import { parseImageReference, wellKnownName } from './image-rules';
import { serverBanner, serverRepeatLine } from './server-images';

/** One line a container prints, `atMs` simulated milliseconds after it started. */
export interface ProgramLine {
  atMs: number;
  stream: 'stdout' | 'stderr';
  /** The text, or a function of the real time it is printed (banners with dates). */
  text: string | ((at: Date) => string);
}

/**
 * What a simulated container does once started: what it prints, and whether and when it exits.
 * `exit` undefined means it runs until stopped; `repeat` lines are printed every `periodMs` after
 * the initial output, for as long as it runs.
 */
export interface ContainerProgram {
  output: ProgramLine[];
  exit?: { afterMs: number; exitCode: number };
  repeat?: { periodMs: number; startMs: number; lines: ProgramLine[] };
  /** A server exits promptly (code 0) on SIGTERM; a shell or `sleep` as PID 1 ignores it until SIGKILL. */
  handlesSigterm: boolean;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  [key: string]: unknown;
}

/** Images whose default command exits at once without a terminal (`kubectl run --image=busybox`). */
const SHELL_IMAGES = new Set(['busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'python', 'node', 'golang']);

/** The container's process: argv from command/args, or the image's default entrypoint. */
export function containerProgram(container: ContainerSpec, context: ShellContext): ContainerProgram {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const known = wellKnownName(parseImageReference(container.image ?? ''));
  if (argv.length === 0 || (container.command === undefined && known && !SHELL_IMAGES.has(known) && known !== 'hello-world')) {
    return defaultProgram(known, container.image ?? '');
  }
  return shellProgram(argv, context);
}

function shellProgram(argv: string[], context: ShellContext): ContainerProgram {
  const run = runArgv(argv, context);
  const toLine = (o: { atMs: number; stream: 1 | 2; text: string }): ProgramLine[] =>
    splitLines(o.text).map((text) => ({ atMs: o.atMs, stream: o.stream === 1 ? 'stdout' : 'stderr', text }));
  const output = run.output.flatMap(toLine);
  if (!run.forever) return { output, exit: { afterMs: run.durationMs, exitCode: run.exitCode }, handlesSigterm: false };
  const repeat = run.forever.periodMs > 0 ? { periodMs: run.forever.periodMs, startMs: run.durationMs, lines: run.forever.output.flatMap(toLine) } : undefined;
  return { output, repeat, handlesSigterm: false };
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function defaultProgram(known: string | undefined, image: string): ContainerProgram {
  if (known === 'hello-world') {
    const lines = ['', 'Hello from Docker!', 'This message shows that your installation appears to be working correctly.', ''];
    return { output: lines.map((text) => ({ atMs: 0, stream: 'stdout', text })), exit: { afterMs: 0, exitCode: 0 }, handlesSigterm: true };
  }
  if (known && SHELL_IMAGES.has(known)) return { output: [], exit: { afterMs: 0, exitCode: 0 }, handlesSigterm: false };
  const banner = serverBanner(known, image);
  const repeatLine = serverRepeatLine(known);
  return {
    output: banner,
    repeat: repeatLine ? { periodMs: 10_000, startMs: 10_000, lines: [repeatLine] } : undefined,
    handlesSigterm: true,
  };
}
