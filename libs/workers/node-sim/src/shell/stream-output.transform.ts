import { parse, serialize, type CommandNode, type PipelineNode, type ScriptNode, type SimpleCommandNode, type StatementNode } from 'just-bash';

/**
 * just-bash hands a compound command's output back only when it ends, so `while true; do date;
 * sleep 5; done` would print nothing, ever. This rewrite makes every command that writes to the
 * script's own stdout or stderr append to two reserved paths instead (captured as streams by
 * captureOutput), as it finishes. The redirections are put first, so the command's own (`> file`,
 * `2>&1`) still win, and only commands whose output reaches the terminal are touched: the last
 * command of a pipeline (the others feed the pipe and keep only stderr), and the commands inside a
 * loop, `if`, `case` or `{ }` that has no redirection of its own. Functions and `$(…)` are left alone.
 *
 * It also makes every loop iteration start with `sleep 0` (a while/until loop's condition, a for
 * loop's body): just-bash runs builtins without ever yielding
 * to the event loop, so `while true; do i=$((i+1)); done` would freeze the whole simulator; the
 * shell's sleep (ContainerShell) always goes through a timer, so each iteration lets others run.
 */
export const STDOUT_PATH = '/dev/.drydock-stdout';
export const STDERR_PATH = '/dev/.drydock-stderr';

type Redirection = SimpleCommandNode['redirections'][number];

function append(fd: 1 | 2, path: string): Redirection {
  return { type: 'Redirection', fd, operator: '>>', target: { type: 'Word', parts: [{ type: 'Literal', value: path }] } };
}

/** The script with its output streamed; a script that does not parse is returned as it is (its error comes at the end). */
export function streamOutput(script: string): string {
  let ast: ScriptNode;
  try {
    ast = parse(script);
  } catch {
    return script;
  }
  streamStatements(ast.statements);
  return serialize(ast);
}

function yieldStatement(): StatementNode {
  return parse('sleep 0').statements[0];
}

function streamStatements(statements: StatementNode[] | null | undefined): void {
  for (const statement of statements ?? []) for (const pipeline of statement.pipelines) streamPipeline(pipeline);
}

function streamPipeline(pipeline: PipelineNode): void {
  pipeline.commands.forEach((command, index) => {
    if (pipeline.commands.length === 1 && command.redirections.length === 0 && streamInside(command)) return;
    if (command.type === 'FunctionDef' || (command.type === 'SimpleCommand' && !command.name)) return;
    const last = index === pipeline.commands.length - 1;
    command.redirections.unshift(...(last ? [append(1, STDOUT_PATH), append(2, STDERR_PATH)] : [append(2, STDERR_PATH)]));
  });
}

/** Descends into a compound command's statements; false for commands that are leaves here. */
function streamInside(command: CommandNode): boolean {
  switch (command.type) {
    case 'If':
      for (const clause of command.clauses) streamStatements([...clause.condition, ...clause.body]);
      streamStatements(command.elseBody);
      return true;
    case 'While':
    case 'Until':
      streamStatements([...command.condition, ...command.body]);
      // Before the condition, so the condition's status is still $? in the body.
      command.condition.unshift(yieldStatement());
      return true;
    case 'For':
    case 'CStyleFor':
      streamStatements(command.body);
      command.body.unshift(yieldStatement());
      return true;
    case 'Group':
    case 'Subshell':
      streamStatements(command.body);
      return true;
    case 'Case':
      for (const item of command.items) streamStatements(item.body);
      return true;
    default:
      return false;
  }
}
