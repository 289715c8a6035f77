import { StatusError } from '@drydock/util';

/** One term of a field selector: `field=value`, `field==value` or `field!=value`. */
export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

const termOperators = ['!=', '==', '='] as const;

/** Splits on commas that are not escaped with a backslash (the backslash is kept). */
function splitTerms(selector: string): string[] {
  if (!selector) return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < selector.length; i++) {
    if (escaped) escaped = false;
    else if (selector[i] === '\\') escaped = true;
    else if (selector[i] === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** The first operator in the term splits it; the left side has no escaping. */
function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of termOperators) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** fields.EscapeValue: a value safe inside a selector term (`\\`, `\,` and `\=` escaped). */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

/** fields.UnescapeValue: `\\`, `\,` and `\=` are the only escapes; bare `,` or `=` are errors. */
function unescapeValue(value: string): string {
  let out = '';
  let escaped = false;
  for (const ch of value) {
    if (escaped) {
      if (!'\\,='.includes(ch)) throw StatusError.badRequest(`invalid field selector: invalid escape sequence: \\${ch}`);
      out += ch;
      escaped = false;
    } else if (ch === '\\') escaped = true;
    else if (ch === ',' || ch === '=') throw StatusError.badRequest(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    else out += ch;
  }
  if (escaped) throw StatusError.badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/**
 * fields.ParseSelector plus the kind's field label conversion. `supported` lists the field labels
 * the kind accepts (upstream's AddFieldLabelConversionFunc); when omitted only metadata.name and
 * metadata.namespace are accepted, with DefaultMetaV1FieldSelectorConversion's message.
 */
export function parseFieldSelector(selector: string, supported?: readonly string[]): FieldRequirement[] {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(selector).sort()) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (!parts) throw StatusError.badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [field, op, rawValue] = parts;
    requirements.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeValue(rawValue) });
  }
  for (const { field } of requirements) {
    if (supported && !supported.includes(field)) throw StatusError.badRequest(`field label not supported: ${field}`);
    if (!supported && field !== 'metadata.name' && field !== 'metadata.namespace') {
      throw StatusError.badRequest(`"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
    }
  }
  return requirements;
}

/** Selector.Matches: a missing field counts as "". */
export function matchesFields(requirements: readonly FieldRequirement[], fields: Record<string, string>): boolean {
  return requirements.every(({ field, operator, value }) => ((fields[field] ?? '') === value) === (operator === '='));
}
