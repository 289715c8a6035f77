import { parseImageReference, wellKnownName } from './image-rules';
import { serverBanner, serverRepeatLine } from './server-images';
import { stressArguments, stressProgram } from './stress-program';
import { systemImageProgram } from './system-images';

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
  /**
   * Argv the container's shell runs for real (see ContainerProcesses): its output is appended to
   * `output` as it is printed, and its exit is reported when the script ends. Only commands that need
   * an interpreter have one; `sleep 3600` and server images are computed here and cost nothing.
   */
  script?: string[];
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
export function containerProgram(container: ContainerSpec): ContainerProgram {
  const system = systemImageProgram(container);
  if (system) return system;
  const stress = stressArguments(container);
  if (stress) return stressProgram(stress);
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const known = wellKnownName(parseImageReference(container.image ?? ''));
  // A shell image's default command is its shell: with stdin kept open (`kubectl run -it`, `kubectl debug
  // node/… -it`) it waits for input instead of exiting at once.
  if (argv.length === 0 && known && SHELL_IMAGES.has(known) && container.stdin === true) return { output: [], script: ['sh'], handlesSigterm: false };
  if (argv.length === 0 || (container.command === undefined && known && !SHELL_IMAGES.has(known) && known !== 'hello-world')) {
    return defaultProgram(known, container.image ?? '');
  }
  return idleProgram(argv) ?? { output: [], script: argv, handlesSigterm: false };
}

const SHELLS = /^(\/usr)?(\/bin\/)?(sh|ash|bash|dash)$/;

/**
 * Processes that only wait: `sleep N`, `sleep infinity`, `tail -f /dev/null`, alone or as the whole of
 * a `sh -c`. The bulk of idle pods run these; they get a computed exit and no interpreter.
 */
function idleProgram(argv: string[]): ContainerProgram | undefined {
  const words = SHELLS.test(argv[0]) && argv[1] === '-c' && argv.length === 3 ? argv[2].trim().replace(/^exec\s+/, '').split(/\s+/) : argv;
  const command = words[0]?.replace(/^(\/usr)?\/bin\//, '');
  if (command === 'tail' && words.length === 3 && words[1] === '-f' && words[2] === '/dev/null') return { output: [], handlesSigterm: false };
  if (command !== 'sleep' || words.length !== 2) return undefined;
  if (words[1] === 'infinity') return { output: [], handlesSigterm: false };
  const seconds = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(words[1]);
  if (!seconds) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[seconds[2]] ?? 1;
  return { output: [], exit: { afterMs: Number(seconds[1]) * unit * 1000, exitCode: 0 }, handlesSigterm: false };
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
