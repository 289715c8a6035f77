import { parse, type CommandNode, type ScriptNode, type SimpleCommandNode, type StatementNode, type WordNode } from 'just-bash';

type RedirectionNode = SimpleCommandNode['redirections'][number];

/** The command that reads the terminal's next line for a `read` typed at the prompt (see InteractiveShell). */
export const TERMINAL_LINE_COMMAND = '__drydock_terminal_line';

/** Redirections that give fd 0 something other than the terminal. */
const STDIN_OPERATORS = new Set(['<', '<<', '<<-', '<<<', '<&', '<>']);
const takesStdin = (redirections: RedirectionNode[]) => redirections.some((r) => STDIN_OPERATORS.has(r.operator) && (r.fd === null || r.fd === 0));

const literal = (word: WordNode | null | undefined) => (word?.parts.length === 1 && word.parts[0].type === 'Literal' ? word.parts[0].value : undefined);

/** `< <(__drydock_terminal_line echo|silent [PROMPT])`: the terminal's next line as the command's stdin. */
function terminalRedirection(silent: boolean, prompt: WordNode | undefined): RedirectionNode {
  const template = parse(`read < <(${TERMINAL_LINE_COMMAND} ${silent ? 'silent' : 'echo'} PROMPT)`).statements[0].pipelines[0].commands[0] as SimpleCommandNode;
  const redirection = template.redirections[0];
  const inner = ((redirection.target as WordNode).parts[0] as { body: ScriptNode }).body.statements[0].pipelines[0].commands[0] as SimpleCommandNode;
  inner.args = prompt ? [inner.args[0], prompt] : [inner.args[0]];
  return redirection;
}

/** bash's read options that take an argument (`-p PROMPT`, `-t 5`, or joined: `-sp PROMPT`, `-pPROMPT`). */
const OPTIONS_WITH_ARGUMENT = 'adinNptu';

/**
 * `read` reading the terminal: its stdin becomes the terminal's next line; `-s` (no echo) also goes to
 * the line's reader, and `-p PROMPT` moves there (the prompt shows before the line is typed, where read
 * itself would print it after its stdin was already read). Options are read as bash reads them: flags
 * joined in one word (`-rs`), an option's argument joined or in the next word (`-sp PROMPT`, `-pPROMPT`),
 * up to the first word that is no option.
 */
function readFromTerminal(command: SimpleCommandNode): void {
  let silent = false;
  let prompt: WordNode | undefined;
  const options: WordNode[] = [];
  let at = 0;
  for (; at < command.args.length; at++) {
    const word = literal(command.args[at]);
    if (!word || !word.startsWith('-') || word === '-' || word === '--') break;
    const split = [...word.slice(1)].findIndex((option) => OPTIONS_WITH_ARGUMENT.includes(option)) + 1;
    const flags = split > 0 ? word.slice(1, split) : word.slice(1);
    if (flags.includes('s')) silent = true;
    if (flags) options.push(literalWord(`-${flags}`));
    if (split === 0) continue;
    const joined = word.slice(split + 1);
    const argument = joined ? quotedWord(joined) : command.args[++at];
    if (word[split] === 'p') prompt = argument;
    else options.push(literalWord(`-${word[split]}`), ...(argument ? [argument] : []));
  }
  command.args = [...options, ...command.args.slice(at)];
  command.redirections.push(terminalRedirection(silent, prompt));
}

const literalWord = (value: string): WordNode => ({ type: 'Word', parts: [{ type: 'Literal', value }] });
const quotedWord = (value: string): WordNode => ({ type: 'Word', parts: [{ type: 'SingleQuoted', value }] });

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
