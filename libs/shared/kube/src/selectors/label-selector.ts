import { StatusError } from '@drydock/util';
import { scanLabelSelector, Token, TokenKind } from './label-selector-lexer';
import { isLabelValue, isQualifiedName } from '../validation/validation-messages';

export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** One requirement of a label selector (labels.Requirement). Values are kept sorted. */
export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/** A parsed label selector: the AND of its requirements; `nothing` matches no object (nil LabelSelector). */
export interface LabelSelector {
  requirements: LabelRequirement[];
  nothing?: boolean;
}

const binaryOperators = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

class SelectorSyntaxError extends Error {}

function validateKey(key: string): void {
  const errs = isQualifiedName(key);
  if (errs.length) throw new SelectorSyntaxError(`<nil>: Invalid value: ${JSON.stringify(key)}: ${errs.join('; ')}`);
}

/** labels.NewRequirement's checks; throws the aggregate message. */
export function newRequirement(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const errors: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) errors.push(`key: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
  const printed = `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
  if ((operator === 'in' || operator === 'notin') && values.length === 0) errors.push(`values: Invalid value: ${printed}: for 'in', 'notin' operators, values set can't be empty`);
  if (['=', '==', '!='].includes(operator) && values.length !== 1) errors.push(`values: Invalid value: ${printed}: exact-match compatibility requires one single value`);
  if ((operator === 'exists' || operator === '!') && values.length !== 0) errors.push(`values: Invalid value: ${printed}: values set must be empty for exists and does not exist`);
  if (operator === 'gt' || operator === 'lt') {
    if (values.length !== 1) errors.push(`values: Invalid value: ${printed}: for 'Gt', 'Lt' operators, exactly one value is required`);
    values.forEach((value, i) => {
      if (!/^[+-]?\d+$/.test(value)) errors.push(`values[${i}]: Invalid value: ${JSON.stringify(value)}: for 'Gt', 'Lt' operators, the value must be an integer`);
    });
  }
  values.forEach((value, i) => {
    const errs = isLabelValue(value);
    if (errs.length) errors.push(`values[${i}][${key}]: Invalid value: ${JSON.stringify(value)}: ${errs.join('; ')}`);
  });
  if (errors.length === 1) throw new SelectorSyntaxError(errors[0]);
  if (errors.length > 1) throw new SelectorSyntaxError(`[${errors.join(', ')}]`);
  return { key, operator, values: [...values] };
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  /** In value context the keywords `in` and `notin` are plain identifiers. */
  private peek(values = true): Token {
    const token = this.tokens[this.position];
    return values && (token.kind === 'in' || token.kind === 'notIn') ? { kind: 'identifier', literal: token.literal } : token;
  }

  private next(values = true): Token {
    const token = this.peek(values);
    this.position++;
    return token;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end') return requirements;
      if (token.kind !== 'identifier' && token.kind !== 'not') throw new Error(`found '${token.literal}', expected: !, identifier, or 'end of string'`);
      try {
        requirements.push(this.requirement());
      } catch (error) {
        throw new Error(`unable to parse requirement: ${(error as Error).message}`);
      }
      const after = this.next();
      if (after.kind === 'end') return requirements;
      if (after.kind !== 'comma') throw new Error(`found '${after.literal}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.kind !== 'identifier' && following.kind !== 'not') throw new Error(`found '${following.literal}', expected: identifier after ','`);
    }
  }

  private requirement(): LabelRequirement {
    let token = this.next();
    const negated = token.kind === 'not';
    if (negated) token = this.next();
    if (token.kind !== 'identifier') throw new SelectorSyntaxError(`found '${token.literal}', expected: identifier`);
    validateKey(token.literal);
    const lookahead = this.peek().kind;
    if (negated) return newRequirement(token.literal, '!', []);
    if (lookahead === 'end' || lookahead === 'comma') return newRequirement(token.literal, 'exists', []);
    return this.binary(token.literal);
  }

  private binary(key: string): LabelRequirement {
    const token = this.next(false);
    const operators: Partial<Record<TokenKind, LabelOperator>> = { in: 'in', notIn: 'notin', equals: '=', doubleEquals: '==', notEquals: '!=', greaterThan: 'gt', lessThan: 'lt' };
    const operator = operators[token.kind];
    if (!operator) throw new SelectorSyntaxError(`found '${token.literal}', expected: ${binaryOperators.join(', ')}`);
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(key, operator, [...new Set(values)].sort());
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open.kind !== 'openPar') throw new SelectorSyntaxError(`found '${open.literal}' expected: '('`);
    const first = this.peek();
    if (first.kind === 'closePar') {
      this.next();
      return [''];
    }
    if (first.kind !== 'identifier' && first.kind !== 'comma') throw new SelectorSyntaxError(`found '${first.literal}', expected: ',', ')' or identifier`);
    const values = this.identifiers();
    if (this.next().kind !== 'closePar') throw new SelectorSyntaxError(`found '${first.literal}', expected: ')'`);
    return values;
  }

  private identifiers(): string[] {
    const values = new Set<string>();
    for (;;) {
      const token = this.next();
      if (token.kind === 'identifier') {
        values.add(token.literal);
        const after = this.peek();
        if (after.kind === 'comma') continue;
        if (after.kind === 'closePar') return [...values];
        throw new SelectorSyntaxError(`found '${after.literal}', expected: ',' or ')'`);
      }
      if (token.kind !== 'comma') throw new SelectorSyntaxError(`found '${token.literal}', expected: ',', or identifier`);
      if (values.size === 0) values.add('');
      const after = this.peek().kind;
      if (after === 'closePar') {
        values.add('');
        return [...values];
      }
      if (after === 'comma') values.add('');
    }
  }

  private exactValue(): string[] {
    const lookahead = this.peek().kind;
    if (lookahead === 'end' || lookahead === 'comma') return [''];
    const token = this.next();
    if (token.kind === 'identifier') return [token.literal];
    throw new SelectorSyntaxError(`found '${token.literal}', expected: identifier`);
  }
}

function byKey(a: LabelRequirement, b: LabelRequirement): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * labels.Parse: the `labelSelector` query parameter (`a=b,c!=d,e in (x,y),f notin (z),g,!h`).
 * A malformed selector is a 400 with upstream's message.
 */
export function parseLabelSelector(query: string): LabelSelector {
  try {
    const requirements = new Parser(scanLabelSelector(query)).parse();
    return { requirements: requirements.sort(byKey) };
  } catch (error) {
    throw StatusError.badRequest((error as Error).message);
  }
}

export { labelSelectorString, matchesLabels } from './label-selector-match';
