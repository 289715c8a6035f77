import { gql } from '@/lib/graphql';
import type { TerminalExecMutation, TerminalExecMutationVariables } from '@/lib/graphql-types.generated';
import { LineEditor } from './line-editor';

export type ExecResult = TerminalExecMutation['execCommand'];
export interface ShellTarget {
  namespace: string;
  pod: string;
  container: string;
}
/** What the session needs of xterm (so this file never imports it: xterm loads only in the browser). */
export interface TerminalLike {
  write(text: string): void;
  clear(): void;
  onData(listener: (data: string) => void): { dispose(): void };
}

const EXEC = /* GraphQL */ `mutation TerminalExec($namespace: String!, $pod: String!, $container: String, $command: [String!]!) {
  execCommand(namespace: $namespace, pod: $pod, container: $container, command: $command) { stdout stderr exitCode }
}`;

const RED = '\x1b[31m';
const AMBER = '\x1b[33m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** Terminal text: xterm needs \r\n for a new line. */
function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * One shell into the pod: every line runs as `sh -c line` through the execCommand mutation (the
 * simulated shell has no session, so `cd` or variables do not carry over between lines).
 */
export class ShellSession {
  private readonly editor: LineEditor;
  private generation = 0;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly term: TerminalLike,
    private readonly target: () => ShellTarget,
  ) {
    this.editor = new LineEditor({
      write: (text) => term.write(text),
      prompt: () => {
        const { pod, container } = this.target();
        return `\x1b[1;32m${container}@${pod}${RESET}:\x1b[1;34m/${RESET}# `;
      },
      onLine: (line) => void this.run(line),
      onClearScreen: () => this.clear(),
    });
    this.subscription = term.onData((data) => this.editor.feed(data));
  }

  start(): void {
    const { namespace, pod, container } = this.target();
    this.term.write(`${DIM}Simulated shell in ${namespace}/${pod}, container ${container}.\r\nEach line runs as sh -c "…": try env, ls, cat, echo, hostname.${RESET}\r\n`);
    this.editor.showPrompt();
  }

  /** The container changed (picker): say so and show a fresh prompt. */
  switched(): void {
    const { container } = this.target();
    this.generation++;
    this.editor.busy = false;
    this.term.write(`\r\n${DIM}— now in container ${container} —${RESET}\r\n`);
    this.editor.showPrompt();
  }

  dispose(): void {
    this.generation++;
    this.subscription.dispose();
  }

  private clear(): void {
    this.term.clear();
    this.term.write('\x1b[2K\r');
    this.editor.showPrompt();
  }

  private async run(line: string): Promise<void> {
    const trimmed = line.trim();
    if (!trimmed) return this.editor.showPrompt();
    if (trimmed === 'clear') return this.clear();
    if (trimmed === 'exit' || trimmed === 'logout') {
      this.term.write(`${DIM}(the terminal stays open; leave the tab to close it)${RESET}\r\n`);
      return this.editor.showPrompt();
    }
    const mine = ++this.generation;
    this.editor.busy = true;
    const { namespace, pod, container } = this.target();
    try {
      const { execCommand: result } = await gql<TerminalExecMutation, TerminalExecMutationVariables>(EXEC, { namespace, pod, container, command: ['sh', '-c', line] });
      if (mine !== this.generation) return;
      if (result.stdout) this.term.write(crlf(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`));
      if (result.stderr) this.term.write(`${RED}${crlf(result.stderr.endsWith('\n') ? result.stderr : `${result.stderr}\n`)}${RESET}`);
      if (result.exitCode !== 0) this.term.write(`${AMBER}[exit code ${result.exitCode}]${RESET}\r\n`);
    } catch (error) {
      if (mine !== this.generation) return;
      this.term.write(`${RED}error: ${crlf(error instanceof Error ? error.message : String(error))}${RESET}\r\n`);
    }
    this.editor.busy = false;
    this.editor.showPrompt();
  }
}
