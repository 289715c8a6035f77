import { parse, type CommandNode, type ScriptNode, type SimpleCommandNode, type StatementNode, type WordNode } from 'just-bash';

type RedirectionNode = SimpleCommandNode['redirections'][number];

/** The command that reads the terminal's next line for a `read` typed at the prompt (see InteractiveShell). */
export const TERMINAL_LINE_COMMAND = '__drydock_terminal_line';

/** Redirections that give fd 0 something other than the terminal. */
const STDIN_OPERATORS = new Set(['<', '<<', '<<-', '<<<', '<&', '<>']);
const takesStdin = (redirections: RedirectionNode[]) => redirections.some((r) => STDIN_OPERATORS.has(r.operator) && (r.fd === null || r.fd === 0));

const literal = (word: WordNode | null | undefined) => (word?.parts.length === 1 && word.parts[0].type === 'Literal' ? word.parts[0].value : undefined);

/** `< <(__drydock_terminal_line [PROMPT])`: the terminal's next line as the command's stdin. */
function terminalRedirection(prompt: WordNode | undefined): RedirectionNode {
  const template = parse(`read < <(${TERMINAL_LINE_COMMAND} PROMPT)`).statements[0].pipelines[0].commands[0] as SimpleCommandNode;
  const redirection = template.redirections[0];
  const inner = ((redirection.target as WordNode).parts[0] as { body: ScriptNode }).body.statements[0].pipelines[0].commands[0] as SimpleCommandNode;
  inner.args = prompt ? [prompt] : [];
  return redirection;
}

/**
 * `read` reading the terminal: its stdin becomes the terminal's next line, and `-p PROMPT` moves to
 * the line's reader (the prompt shows before the line is typed, where read itself would print it
 * after its stdin was already read).
 */
function readFromTerminal(command: SimpleCommandNode): void {
  const at = command.args.findIndex((arg) => literal(arg) === '-p');
  const prompt = at >= 0 ? command.args[at + 1] : undefined;
  if (at >= 0) command.args.splice(at, 2);
  command.redirections.push(terminalRedirection(prompt));
}

/** Visits the commands of `statements` whose stdin is the terminal (not after a pipe, not under a stdin redirection). */
function visit(statements: StatementNode[], found: (command: SimpleCommandNode) => void): void {
  for (const statement of statements) {
    if (statement.background) continue;
    for (const pipeline of statement.pipelines) {
      const first = pipeline.commands[0];
      if (first) visitCommand(first, found);
    }
  }
}

function visitCommand(command: CommandNode, found: (command: SimpleCommandNode) => void): void {
  if (command.type === 'FunctionDef' || takesStdin(command.redirections)) return;
  switch (command.type) {
    case 'SimpleCommand':
      if (literal(command.name) === 'read') found(command);
      return;
    case 'If':
      command.clauses.forEach((clause) => visit([...clause.condition, ...clause.body], found));
      if (command.elseBody) visit(command.elseBody, found);
      return;
    case 'While':
    case 'Until':
      visit([...command.condition, ...command.body], found);
      return;
    case 'For':
    case 'CStyleFor':
    case 'Subshell':
    case 'Group':
      visit(command.body, found);
      return;
    case 'Case':
      command.items.forEach((item) => visit(item.body, found));
      return;
    default:
      return;
  }
}

/**
 * A line typed at the prompt with each `read` that reads the terminal made to read the terminal's next
 * line, as a shell's read does (its stdin is the terminal); undefined when the line has no such read.
 * `echo a | read x`, `read x < file` and `while read l; do …; done < file` keep their stdin.
 */
export function readsFromTerminal(script: ScriptNode): ScriptNode | undefined {
  const copy = structuredClone(script);
  let changed = false;
  visit(copy.statements, (command) => {
    readFromTerminal(command);
    changed = true;
  });
  return changed ? copy : undefined;
}
