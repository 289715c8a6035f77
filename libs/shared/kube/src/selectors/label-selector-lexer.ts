/** Tokens of the label selector query syntax, as apimachinery's labels.Lexer produces them. */
export type TokenKind =
  | 'error' | 'end' | 'closePar' | 'comma' | 'not' | 'doubleEquals' | 'equals' | 'greaterThan'
  | 'identifier' | 'in' | 'lessThan' | 'notEquals' | 'notIn' | 'openPar';

export interface Token {
  kind: TokenKind;
  literal: string;
}

const literalTokens: Record<string, TokenKind> = {
  ')': 'closePar', ',': 'comma', '!': 'not', '==': 'doubleEquals', '=': 'equals', '>': 'greaterThan',
  in: 'in', '<': 'lessThan', '!=': 'notEquals', notin: 'notIn', '(': 'openPar',
};

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => '=!(),><'.includes(ch);

function scanIdentifier(input: string, start: number): [Token, number] {
  let pos = start;
  while (pos < input.length && !isSpecial(input[pos]) && !isWhitespace(input[pos])) pos++;
  const literal = input.slice(start, pos);
  return [{ kind: literalTokens[literal] ?? 'identifier', literal }, pos];
}

/** Longest run of special symbols that still forms an operator ("!=", "==", "=", "(", ...). */
function scanSpecial(input: string, start: number): [Token, number] {
  let buffer = '';
  let last: Token | undefined;
  let pos = start;
  while (pos < input.length && isSpecial(input[pos])) {
    buffer += input[pos];
    const kind = literalTokens[buffer];
    if (kind) last = { kind, literal: buffer };
    else if (last) break;
    pos++;
  }
  if (!last) return [{ kind: 'error', literal: `error expected: keyword found '${buffer}'` }, pos];
  return [last, start + last.literal.length];
}

/** Every token of `input`, ending with an `end` token. */
export function scanLabelSelector(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && isWhitespace(input[pos])) pos++;
    if (pos >= input.length) {
      tokens.push({ kind: 'end', literal: '' });
      return tokens;
    }
    const [token, next] = isSpecial(input[pos]) ? scanSpecial(input, pos) : scanIdentifier(input, pos);
    tokens.push(token);
    pos = next;
  }
}
