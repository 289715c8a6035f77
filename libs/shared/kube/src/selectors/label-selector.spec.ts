import { StatusError } from '@drydock/util';
import { labelSelectorString, matchesLabels, parseLabelSelector } from './label-selector';
import { cloneSelectorAndAddLabel, formatLabelSelector, isEmptySelector, labelsContain, labelSelectorFromObject, selectorMatches, selectorToString, setSelectorMatches } from './label-selector-object';

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
});

describe('selectorMatches', () => {
  it('selects as LabelSelectorAsSelector: nothing when missing, everything when empty', () => {
    expect(selectorMatches(undefined, { a: 'b' })).toBe(false);
    expect(selectorMatches(null, { a: 'b' })).toBe(false);
    expect(selectorMatches({}, { a: 'b' })).toBe(true);
  });

  it('ANDs matchLabels and every matchExpressions operator', () => {
    const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'canary', operator: 'DoesNotExist' }] };
    expect(selectorMatches(selector, { app: 'web', tier: 'front' })).toBe(true);
    expect(selectorMatches(selector, { app: 'web', tier: 'db' })).toBe(false);
    expect(selectorMatches(selector, { app: 'web', canary: 'yes' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { tier: '' })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, {})).toBe(false);
  });

  it('matches matchLabels and every expression operator', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'db' } }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['x'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, labels)).toBe(true);
  });

  it('selects nothing with a selector it cannot convert (an unknown operator)', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'Near', values: ['x'] }] }, { a: 'x' })).toBe(false);
  });
});

describe('label sets', () => {
  it('knows the empty selector', () => {
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(isEmptySelector({ matchLabels: { a: 'b' } })).toBe(false);
    expect(isEmptySelector(undefined)).toBe(false);
  });

  it('checks that labels contain every pair of a set (an empty set matches all)', () => {
    expect(labelsContain({ a: '1', b: '2' }, { a: '1' })).toBe(true);
    expect(labelsContain({ a: '1' }, { a: '2' })).toBe(false);
    expect(labelsContain(undefined, {})).toBe(true);
  });

  it('treats a ReplicationController map selector as equality on every key', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(setSelectorMatches({ app: 'web' }, labels)).toBe(true);
    expect(setSelectorMatches({ app: 'web', tier: 'back' }, labels)).toBe(false);
    expect(setSelectorMatches({}, labels)).toBe(false);
    expect(setSelectorMatches(undefined, labels)).toBe(false);
  });
});

describe('cloneSelectorAndAddLabel', () => {
  it('adds the label to a copy and leaves the original alone', () => {
    const selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'a', operator: 'Exists' }] };
    const clone = cloneSelectorAndAddLabel(selector, 'pod-template-hash', 'abc');
    expect(clone).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': 'abc' }, matchExpressions: [{ key: 'a', operator: 'Exists' }] });
    expect(selector.matchLabels).toEqual({ app: 'web' });
    expect(cloneSelectorAndAddLabel(undefined, 'k', 'v')).toEqual({ matchLabels: { k: 'v' } });
  });
});
