import { defineCommand, parse, serialize, type Bash, type Command, type ScriptNode } from 'just-bash';
import type { OutputSink } from './output-capture.fs';
import type { ShellDialect } from './shell-dialect';
import { STDERR_PATH, streamOutput } from './stream-output.transform';
import { readsFromTerminal, TERMINAL_LINE_COMMAND } from './terminal-read.rewrite';

/** Where an interactive shell reads its lines (the terminal's line discipline, or piped stdin). */
export interface LineSource {
  /**
   * Shows the prompt (with a tty) and waits for the next line: `undefined` at end of input (Ctrl-D
   * on an empty line, stdin closed), `null` when Ctrl-C dropped what was being typed. `silent`: the
   * line is typed without echo and kept out of the history (`read -s`, as stty -echo).
   */
  read(prompt: string, options?: { silent?: boolean }): Promise<string | null | undefined>;
}

/** A just-bash interpreter over the container with this exported environment and extra commands, stopped by `signal`. */
export type InterpreterFactory = (signal: AbortSignal, commands: Command[], env: Record<string, string>) => { bash: Bash; output: OutputSink };

const READ = '__drydock_read';
const LINE = '__DRYDOCK_LINE';
const STATUS = '__DRYDOCK_STATUS';
/**
 * The shell's read-eval loop, run as one script for the whole session, so variables, functions,
 * options, aliases and the working directory live on from line to line as in a real shell. The read
 * command exits with the previous line's status (kept in a variable: the loop's `:` resets `$?`),
 * so `$?` in the next line is that status. Its second argument, the shell's arrays as `declare -p` prints
 * them, lets Ctrl-C's new interpreter start with them (arrays are not in a command's environment).
 */
const LOOP = `while :; do ${READ} "$${STATUS}" "$(declare -pa; declare -pA)" 2>>${STDERR_PATH}; eval "$${LINE}"; ${STATUS}=$?; done`;
/** What an interactive shell has on that a script does not: aliases typed at the prompt are expanded. */
const INTERACTIVE_OPTIONS = 'shopt -s expand_aliases';
/** SIGINT's status (128 + 2), what `$?` says after Ctrl-C. */
const INTERRUPTED = 130;
/** Variables the interpreter makes itself (some read-only): never carried over by hand. */
const OWN_VARIABLES = /^(\?|BASH.*|SHELLOPTS|PPID|UID|EUID|PIPESTATUS|OPTIND|RANDOM|SECONDS|LINENO|HOSTTYPE|MACHTYPE|OSTYPE|FUNCNAME|GROUPS|_)$/;

interface ShellState {
  variables: Record<string, string>;
  exported: Record<string, string>;
  /** `declare -a …` / `declare -A …` lines of the user's arrays. */
  arrays: string[];
  status: number;
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * `kubectl exec -it … sh` (and a container whose main process is a shell with `stdin: true`): one
 * just-bash session reading lines from a LineSource. Ctrl-C while a line runs stops it at once
 * (sleep, a loop, wget): the interpreter is stopped and the session goes on in a new one from the
 * state the shell had when the line began (variables, arrays, exports, aliases, options, working
 * directory, functions).
 */
export class InteractiveShell {
  private state: ShellState;
  private readonly functions = new Map<string, string>();
  private current?: AbortController;
  private interrupted = false;
  private size?: { columns: number; lines: number };

  constructor(private readonly interpreter: InterpreterFactory, env: Record<string, string>, private readonly dialect: ShellDialect) {
    this.state = { variables: { ...env }, exported: { ...env }, arrays: [], status: 0 };
  }

  /** Runs the shell until `exit`, end of input or `closed`; resolves with its exit code. */
  async run(source: LineSource, closed: AbortSignal): Promise<number> {
    for (;;) {
      const exec = new AbortController();
      const stop = () => exec.abort();
      closed.addEventListener('abort', stop, { once: true });
      this.current = exec;
      this.interrupted = false;
      const { bash, output } = this.interpreter(exec.signal, [this.readCommand(source), this.terminalLineCommand(source)], this.state.exported);
      const cwd = this.state.variables.PWD ?? '/';
      const result = await bash.exec(`${this.prelude()}${LOOP}`, { cwd, rawScript: true, signal: exec.signal });
      closed.removeEventListener('abort', stop);
      if (closed.aborted) return result.exitCode;
      if (this.interrupted) continue;
      if (result.stdout) output(1, Buffer.from(result.stdout));
      if (result.stderr) output(2, Buffer.from(result.stderr));
      return result.exitCode;
    }
  }

  /**
   * Ctrl-C while no read of the shell waits for a line (the session knows, synchronously): stops the
   * running line, or the line just taken that has not started yet. False before the shell runs.
   */
  interrupt(): boolean {
    if (!this.current) return false;
    this.stopLine();
    return true;
  }

  private stopLine(): void {
    if (!this.current) return;
    this.interrupted = true;
    this.state.status = INTERRUPTED;
    this.current.abort();
  }

  /** The terminal's size (the exec resize channel): COLUMNS and LINES from the next prompt on, as bash's checkwinsize. */
  resize(columns: number, lines: number): void {
    this.size = { columns, lines };
  }

  /** Reads the next complete line into $__DRYDOCK_LINE, remembering the state the line starts from. */
  private readCommand(source: LineSource): Command {
    return defineCommand(READ, async (args, ctx) => {
      // Ctrl-C before this read began: the interpreter stops at its next statement; no prompt to wait at.
      if (this.interrupted) return { stdout: '', stderr: '', exitCode: INTERRUPTED };
      const previous = Number(args[0] ?? 0);
      const variables = Object.fromEntries(ctx.env);
      const arrays = (args[1] ?? '').split('\n').filter((declaration) => {
        const name = /^declare -[aA]\w* ([A-Za-z_]\w*)=/.exec(declaration)?.[1];
        return !!name && !OWN_VARIABLES.test(name);
      });
      // The state the next line starts from, kept before the wait: a Ctrl-C that stops the line taken
      // (even before it starts) restarts the shell from here.
      this.state = { variables, exported: { ...(ctx.exportedEnv ?? {}) }, arrays, status: previous };
      const line = await this.nextLine(source, this.prompt(ctx.cwd, variables), previous);
      if (this.interrupted) return { stdout: '', stderr: '', exitCode: INTERRUPTED };
      this.state.status = line.status;
      await ctx.assignShellVariable?.(LINE, line.text);
      if (this.size) {
        for (const [name, value] of [['COLUMNS', this.size.columns], ['LINES', this.size.lines]] as const) {
          await ctx.assignShellVariable?.(name, String(value));
          variables[name] = String(value);
        }
      }
      return { stdout: '', stderr: line.error ?? '', exitCode: line.status };
    });
  }

  /**
   * The terminal's next line for a `read` in the running line (see terminal-read.rewrite; arguments:
   * `echo` or `silent`, then the prompt): printed with its newline, nothing at end of input (read then
   * fails, as at Ctrl-D); Ctrl-C stops the line.
   */
  private terminalLineCommand(source: LineSource): Command {
    return defineCommand(TERMINAL_LINE_COMMAND, async (args) => {
      if (this.interrupted) return { stdout: '', stderr: '', exitCode: INTERRUPTED };
      const text = await source.read(args[1] ?? '', { silent: args[0] === 'silent' });
      if (text === null) this.stopLine();
      return { stdout: typeof text === 'string' ? `${text}\n` : '', stderr: '', exitCode: text === null ? INTERRUPTED : 0 };
    });
  }

  /**
   * The next complete line (continued with `> ` while a construct is open), `exit` at end of input,
   * and for a line that does not parse its error and `(exit 2)`. Ctrl-C while typing starts over (130).
   */
  private async nextLine(source: LineSource, prompt: string, status: number): Promise<{ text: string; status: number; error?: string }> {
    let pending: string | undefined;
    for (;;) {
      const text = await source.read(pending === undefined ? prompt : '> ');
      if (text === undefined) return { text: `exit ${status}`, status };
      if (text === null) {
        [pending, status] = [undefined, INTERRUPTED];
        continue;
      }
      pending = pending === undefined ? text : `${pending}\n${text}`;
      const parsed = parseLine(pending);
      if (parsed === 'incomplete') continue;
      if (typeof parsed === 'string') return { text: '(exit 2)', status, error: syntaxError(parsed, this.dialect) };
      this.remember(parsed);
      const terminalReads = readsFromTerminal(parsed);
      return { text: streamOutput(terminalReads ? serialize(terminalReads) : pending), status };
    }
  }

  /** Functions defined at the prompt, kept to be defined again if Ctrl-C restarts the interpreter. */
  private remember(script: ScriptNode): void {
    for (const statement of script.statements) {
      const command = statement.pipelines.length === 1 && statement.pipelines[0].commands.length === 1 ? statement.pipelines[0].commands[0] : undefined;
      if (command?.type === 'FunctionDef') this.functions.set(command.name, serialize({ ...script, statements: [statement] }));
    }
  }

  /**
   * What the new interpreter runs first after Ctrl-C: the functions, arrays, aliases, options (`set -o`,
   * `shopt -s`) and unexported variables the shell had when the interrupted line began.
   */
  private prelude(): string {
    const { variables, exported, arrays, status } = this.state;
    const assignments = Object.entries(variables)
      .filter(([name]) => !(name in exported) && name !== LINE && name !== STATUS && /^[A-Za-z_]\w*$/.test(name) && !OWN_VARIABLES.test(name))
      .map(([name, value]) => `${name}=${quote(value)}`);
    const aliases = Object.entries(variables).filter(([name]) => name.startsWith('BASH_ALIAS_')).map(([name, value]) => `alias ${quote(name.slice('BASH_ALIAS_'.length))}=${quote(value)}`);
    const options = (variables.SHELLOPTS ?? '').split(':').filter((option) => /^[a-z-]+$/.test(option)).map((option) => `set -o ${option}`);
    const shopts = (variables.BASHOPTS ?? '').split(':').filter((option) => /^[a-z_]+$/.test(option)).map((option) => `shopt -s ${option}`);
    // just-bash misreads `declare -a a=([1]="b c")` (it splits the quoted value): assign instead.
    const arrayAssignments = arrays.map((declaration) => declaration.replace(/^declare -a\w* /, '').replace(/^declare -A\w* ([A-Za-z_]\w*)=/, 'declare -A $1; $1='));
    return [INTERACTIVE_OPTIONS, ...this.functions.values(), ...arrayAssignments, ...aliases, ...assignments, ...shopts, ...options, `${STATUS}=${status}`].map((text) => `${text}\n`).join('');
  }

  /** The image's shell's prompt: busybox `/etc # `, dash `# `, bash `root@host:/etc# `. */
  private prompt(cwd: string, variables: Record<string, string>): string {
    const home = variables.HOME;
    const where = home && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
    if (this.dialect === 'dash') return '# ';
    if (this.dialect === 'bash') return `root@${variables.HOSTNAME ?? 'localhost'}:${where}# `;
    return `${where} # `;
  }
}

/** The parsed line, `incomplete` when it stops inside a construct (`for i in 1 2; do`), or the parser's message. */
function parseLine(line: string): ScriptNode | 'incomplete' | string {
  try {
    return parse(line);
  } catch (error) {
    const message = (error as Error).message;
    return /got EOF|unexpected EOF|unexpected end of file/i.test(message) ? 'incomplete' : message;
  }
}

/** A syntax error as the image's shell words it (busybox, dash, bash). */
export function syntaxError(message: string, dialect: ShellDialect): string {
  const token = /unexpected token [`'"]?([^`'"]+)/.exec(message)?.[1];
  if (!token) return `${dialect === 'bash' ? 'bash' : 'sh'}: syntax error: ${message.replace(/^Parse error at \S+ /, '')}\n`;
  if (dialect === 'dash') return `sh: 1: Syntax error: "${token}" unexpected\n`;
  if (dialect === 'bash') return `bash: syntax error near unexpected token \`${token}'\n`;
  return `sh: syntax error: unexpected "${token}"\n`;
}
