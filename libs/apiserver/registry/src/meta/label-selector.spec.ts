import { StatusError } from '@drydock/util';
import { labelSelectorString, matchesLabels, parseLabelSelector } from './label-selector';
import { formatLabelSelector, labelSelectorFromObject, selectorToString, validateLabelSelector } from './label-selector-object';

function parseError(query: string): string {
  try {
    parseLabelSelector(query);
  } catch (error) {
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).code).toBe(400);
    return (error as StatusError).message;
  }
  throw new Error(`expected ${query} to fail`);
}

describe('parseLabelSelector', () => {
  it('parses every operator and sorts requirements by key', () => {
    const selector = parseLabelSelector('a=b,c!=d,e in (y,x),f notin (z),g,!h');
    expect(selector.requirements).toEqual([
      { key: 'a', operator: '=', values: ['b'] },
      { key: 'c', operator: '!=', values: ['d'] },
      { key: 'e', operator: 'in', values: ['x', 'y'] },
      { key: 'f', operator: 'notin', values: ['z'] },
      { key: 'g', operator: 'exists', values: [] },
      { key: 'h', operator: '!', values: [] },
    ]);
  });

  it('prints the selector back in canonical form', () => {
    expect(labelSelectorString(parseLabelSelector('tier in (b, a), app==web, !legacy'))).toBe('app==web,!legacy,tier in (a,b)');
  });

  it('treats an empty selector as matching everything', () => {
    expect(parseLabelSelector('').requirements).toEqual([]);
    expect(matchesLabels(parseLabelSelector(''), {})).toBe(true);
  });

  it('accepts in and notin as values', () => {
    expect(parseLabelSelector('x in (in,notin)').requirements[0].values).toEqual(['in', 'notin']);
  });

  it('reports a missing parenthesis like upstream', () => {
    expect(parseError('env in prod')).toBe("unable to parse requirement: found 'prod' expected: '('");
  });

  it('reports a dangling comma like upstream', () => {
    expect(parseError('a=b,')).toBe("found '', expected: identifier after ','");
  });

  it('reports a bad operator like upstream', () => {
    expect(parseError('a b')).toBe("unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
  });

  it('reports an invalid key with upstream validation text', () => {
    expect(parseError('-a=b')).toMatch(/^unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of alphanumeric characters/);
  });

  it('reports an invalid value with its path', () => {
    expect(parseError('a=b/c')).toMatch(/^unable to parse requirement: values\[0\]\[a\]: Invalid value: "b\/c": a valid label must be an empty string/);
  });
});

describe('matchesLabels', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    ['app=web', true],
    ['app=db', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['tier in (front,back)', true],
    ['tier notin (front)', false],
    ['missing notin (x)', true],
    ['app', true],
    ['!app', false],
    ['!missing', true],
    ['app=web,tier=back', false],
  ])('%s matches: %s', (query, expected) => {
    expect(matchesLabels(parseLabelSelector(query), labels)).toBe(expected);
  });
});

describe('LabelSelector objects', () => {
  const object = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] };

  it('renders a selector object like metav1.LabelSelectorAsSelector().String()', () => {
    expect(selectorToString(object)).toBe('app=web,tier in (a,b)');
  });

  it('renders a plain map selector like labels.SelectorFromSet', () => {
    expect(selectorToString({ b: '2', a: '1' })).toBe('a=1,b=2');
  });

  it('formats an empty selector as <none> for printers', () => {
    expect(formatLabelSelector({})).toBe('<none>');
  });

  it('matches nothing for a missing selector and everything for an empty one', () => {
    expect(matchesLabels(labelSelectorFromObject(undefined), { a: 'b' })).toBe(false);
    expect(matchesLabels(labelSelectorFromObject({}), { a: 'b' })).toBe(true);
  });

  it('validates expressions with their paths', () => {
    const errors = validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }, { key: 'b', operator: 'Exists', values: ['x'] }, { key: 'c', operator: 'Near' }] }, 'spec.selector');
    expect(errors.map((e) => [e.field, e.type])).toEqual([
      ['spec.selector.matchExpressions[0].values', 'FieldValueRequired'],
      ['spec.selector.matchExpressions[1].values', 'FieldValueForbidden'],
      ['spec.selector.matchExpressions[2].operator', 'FieldValueInvalid'],
    ]);
  });
});
