import { parseScript, Pipeline, Script, SimpleCommand, WhileLoop, Word } from './shell-parser';
import { runBuiltin } from './shell-builtins';
import type { ShellContext, ShellOutput, ShellRun } from './shell.types';

export type { ShellContext, ShellOutput, ShellRun } from './shell.types';

/** Thrown by `exit N` to unwind the script. */
class ShellExit {
  constructor(readonly code: number) {}
}

/** Most loop iterations simulated before a loop is declared endless (its body then repeats forever). */
const MAX_ITERATIONS = 1_000;

/**
 * Runs a script in simulated time: output is stamped with the simulated offset at which it appears
 * (`sleep` advances the offset), and an endless loop (`while true; do …; done`, `sleep infinity`)
 * ends the run with `forever` describing what repeats. Pure: no I/O, no real time.
 */
export function runShell(script: string, context: ShellContext, stdin = ''): ShellRun {
  const state: RunState = { context, output: [], elapsedMs: 0, lastExit: 0, stdin };
  try {
    runScript(parseScript(script), state);
  } catch (error) {
    if (error instanceof ShellExit) return { output: state.output, exitCode: error.code, durationMs: state.elapsedMs, exited: true };
    else if (error instanceof Forever) return { output: state.output, exitCode: 0, durationMs: state.elapsedMs, forever: error.repeat };
    else throw error;
  }
  return { output: state.output, exitCode: state.lastExit, durationMs: state.elapsedMs };
}

/** Runs argv as a container's process (no shell unless argv is one): `sh -c "…"`, `sleep 5`, `echo hi`. */
export function runArgv(argv: string[], context: ShellContext): ShellRun {
  const state: RunState = { context, output: [], elapsedMs: 0, lastExit: 0, stdin: '' };
  try {
    state.lastExit = runCommandArgv(argv, state, '');
  } catch (error) {
    if (error instanceof ShellExit) state.lastExit = error.code;
    else if (error instanceof Forever) return { output: state.output, exitCode: 0, durationMs: state.elapsedMs, forever: error.repeat };
    else throw error;
  }
  return { output: state.output, exitCode: state.lastExit, durationMs: state.elapsedMs };
}

interface RunState {
  context: ShellContext;
  output: ShellOutput[];
  elapsedMs: number;
  lastExit: number;
  stdin: string;
}

/** Unwinds a run that never ends; `repeat` is one period of what it keeps doing (undefined: silent). */
export class Forever {
  readonly repeat: { periodMs: number; output: ShellOutput[] };
  constructor(repeat: { periodMs: number; output: ShellOutput[] } | undefined) {
    this.repeat = repeat ?? { periodMs: 0, output: [] };
  }
}

function runScript(script: Script, state: RunState): void {
  for (const { join, pipeline } of script) {
    if (join === '&&' && state.lastExit !== 0) continue;
    if (join === '||' && state.lastExit === 0) continue;
    state.lastExit = runPipeline(pipeline, state);
  }
}

function runPipeline(pipeline: Pipeline, state: RunState): number {
  let input = state.stdin;
  let code = 0;
  pipeline.commands.forEach((command, index) => {
    const last = index === pipeline.commands.length - 1;
    if (last) {
      code = runCommand(command, state, input);
      return;
    }
    const captured: RunState = { ...state, output: [] };
    code = runCommand(command, captured, input);
    state.elapsedMs = captured.elapsedMs;
    input = captured.output.filter((o) => o.stream === 1).map((o) => o.text).join('');
    state.output.push(...captured.output.filter((o) => o.stream === 2));
  });
  return code;
}

function runCommand(command: SimpleCommand | WhileLoop, state: RunState, stdin: string): number {
  if (command.type === 'while') return runWhile(command, state);
  const argv = command.words.map((word) => expandWord(word, state));
  const assignments: Array<[string, string]> = [];
  while (argv.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0])) {
    const [name, ...value] = argv.shift()!.split('=');
    assignments.push([name, value.join('=')]);
  }
  if (argv.length === 0) {
    for (const [name, value] of assignments) state.context.env[name] = value;
    return 0;
  }
  return runCommandArgv(argv, state, stdin);
}

function runCommandArgv(argv: string[], state: RunState, stdin: string): number {
  const name = argv[0].replace(/^\/(usr\/)?s?bin\//, '');
  if ((name === 'sh' || name === 'bash' || name === 'ash') && argv[1] === '-c') {
    runScript(parseScript(argv[2] ?? ''), state);
    return state.lastExit;
  }
  if (name === 'exit') throw new ShellExit(Number(argv[1] ?? state.lastExit) & 0xff);
  if (name === 'sleep') return sleep(argv[1], state);
  if (name === 'tail' && argv.includes('-f')) throw new Forever(undefined);
  const result = runBuiltin(name, argv.slice(1), state.context, stdin);
  for (const [stream, text] of [[1, result.stdout], [2, result.stderr]] as const) {
    if (text) state.output.push({ atMs: state.elapsedMs, stream, text });
  }
  return result.exitCode;
}

function sleep(argument: string | undefined, state: RunState): number {
  if (argument === 'infinity') throw new Forever(undefined);
  const seconds = Number(String(argument ?? '').replace(/s$/, ''));
  if (!Number.isFinite(seconds) || seconds < 0) {
    state.output.push({ atMs: state.elapsedMs, stream: 2, text: `sleep: invalid number '${argument ?? ''}'\n` });
    return 1;
  }
  state.elapsedMs += seconds * 1000;
  return 0;
}

function runWhile(loop: WhileLoop, state: RunState): number {
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const before = { elapsed: state.elapsedMs, outputs: state.output.length };
    runScript(loop.condition, state);
    if (state.lastExit !== 0) return 0;
    runScript(loop.body, state);
    if (iteration === 0 && isEndless(loop)) {
      const periodMs = state.elapsedMs - before.elapsed;
      const output = state.output.slice(before.outputs).map((o) => ({ ...o, atMs: o.atMs - before.elapsed }));
      throw new Forever(periodMs > 0 ? { periodMs, output } : undefined);
    }
  }
  throw new Forever(undefined);
}

function isEndless(loop: WhileLoop): boolean {
  const words = loop.condition.flatMap((entry) => entry.pipeline.commands).map((c) => (c.type === 'command' ? c.words.map((w) => w.map((p) => p.text).join('')).join(' ') : ''));
  return words.length === 1 && (words[0] === 'true' || words[0] === ':');
}

/** Expands `$VAR`, `${VAR}`, `$?`, `$HOSTNAME`… in unquoted and double-quoted parts. */
export function expandWord(word: Word, state: { context: ShellContext; lastExit: number }): string {
  return word
    .map((part) => {
      if (!part.expand) return part.text;
      const expanded = part.text.replace(/(\\?)\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*)|\?)/g, (match, escaped: string, _all, braced?: string, plain?: string) => {
        if (escaped) return match.slice(1);
        if (!braced && !plain) return String(state.lastExit);
        return state.context.env[braced ?? plain ?? ''] ?? '';
      });
      return part.quoted ? expanded : expanded.replace(/^~(?=\/|$)/, state.context.env.HOME ?? '/root');
    })
    .join('');
}
