/**
 * A small POSIX-sh parser for the simulated containers: words with single/double quotes, backslash
 * escapes and `$VAR` / `${VAR}` / `$?` expansion; lists joined by `;`, newline, `&&`, `||`; pipes `|`;
 * `while true; do …; done` loops. Enough for the commands people put in pod specs and type into
 * `kubectl exec`; anything else is run as an unknown command (exit 127), never a crash.
 */

export type Word = Array<{ text: string; expand: boolean; quoted: boolean }>;

export interface SimpleCommand {
  type: 'command';
  /** Raw words; expanded at run time (so `$?` and assignments see earlier commands). */
  words: Word[];
}

export interface WhileLoop {
  type: 'while';
  condition: Script;
  body: Script;
}

export type Pipeline = { type: 'pipeline'; commands: Array<SimpleCommand | WhileLoop> };

/** `then` is how this entry joins the previous one: ';' always runs, '&&' / '||' on its exit code. */
export type Script = Array<{ join: ';' | '&&' | '||'; pipeline: Pipeline }>;

type Token = { kind: 'word'; word: Word } | { kind: 'op'; op: string };

/** Splits a command line into words and operators. An unterminated quote ends at the end of input. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let word: Word = [];
  let inWord = false;
  const flush = () => {
    if (inWord) tokens.push({ kind: 'word', word });
    word = [];
    inWord = false;
  };
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '#' && !inWord) {
      while (i < input.length && input[i] !== '\n') i++;
    } else if (ch === ' ' || ch === '\t') {
      flush();
      i++;
    } else if (ch === '\n' || ch === ';' || ch === '|' || ch === '&') {
      flush();
      const two = input.slice(i, i + 2);
      const op = two === '&&' || two === '||' ? two : ch === '\n' ? ';' : ch;
      tokens.push({ kind: 'op', op });
      i += op.length === 2 ? 2 : 1;
    } else {
      inWord = true;
      i = readWordPart(input, i, word);
    }
  }
  flush();
  return tokens;
}

function readWordPart(input: string, start: number, word: Word): number {
  const ch = input[start];
  if (ch === "'") {
    const end = input.indexOf("'", start + 1);
    const stop = end < 0 ? input.length : end;
    word.push({ text: input.slice(start + 1, stop), expand: false, quoted: true });
    return stop + 1;
  }
  if (ch === '"') {
    let text = '';
    let i = start + 1;
    while (i < input.length && input[i] !== '"') {
      if (input[i] === '\\' && i + 1 < input.length && '"\\$`'.includes(input[i + 1])) {
        text += input[i + 1] === '$' ? '\\$' : input[i + 1];
        i += 2;
      } else text += input[i++];
    }
    word.push({ text, expand: true, quoted: true });
    return i + 1;
  }
  if (ch === '\\') {
    word.push({ text: input[start + 1] ?? '', expand: false, quoted: true });
    return start + 2;
  }
  let i = start;
  while (i < input.length && !" \t\n;|&'\"\\".includes(input[i])) i++;
  word.push({ text: input.slice(start, i), expand: true, quoted: false });
  return i;
}

export function wordLiteral(word: Word): string {
  return word.map((part) => part.text).join('');
}

/** Parses tokens into a script; `while … do … done` nests. */
export function parseScript(input: string): Script {
  const tokens = tokenize(input);
  const position = { index: 0 };
  return parseList(tokens, position, []);
}

function parseList(tokens: Token[], position: { index: number }, terminators: string[]): Script {
  const script: Script = [];
  let join: ';' | '&&' | '||' = ';';
  while (position.index < tokens.length) {
    const token = tokens[position.index];
    if (token.kind === 'word' && terminators.includes(wordLiteral(token.word))) break;
    if (token.kind === 'op') {
      position.index++;
      if (token.op === '&&' || token.op === '||') join = token.op;
      continue;
    }
    script.push({ join, pipeline: parsePipeline(tokens, position, terminators) });
    join = ';';
  }
  return script;
}

function parsePipeline(tokens: Token[], position: { index: number }, terminators: string[]): Pipeline {
  const commands: Array<SimpleCommand | WhileLoop> = [];
  for (;;) {
    commands.push(parseCommand(tokens, position, terminators));
    const next = tokens[position.index];
    if (next?.kind !== 'op' || next.op !== '|') return { type: 'pipeline', commands };
    position.index++;
  }
}

function parseCommand(tokens: Token[], position: { index: number }, terminators: string[]): SimpleCommand | WhileLoop {
  const first = tokens[position.index];
  if (first.kind === 'word' && wordLiteral(first.word) === 'while' && !first.word[0].quoted) {
    position.index++;
    const condition = parseList(tokens, position, ['do']);
    position.index++;
    const body = parseList(tokens, position, ['done']);
    position.index++;
    return { type: 'while', condition, body };
  }
  const words: Word[] = [];
  while (position.index < tokens.length) {
    const token = tokens[position.index];
    if (token.kind === 'op') break;
    if (words.length > 0 && terminators.includes(wordLiteral(token.word))) break;
    words.push(token.word);
    position.index++;
  }
  return { type: 'command', words };
}

/** Quotes argv back into one shell line (for `sh -c` composition and messages). */
export function quoteArgv(argv: string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
