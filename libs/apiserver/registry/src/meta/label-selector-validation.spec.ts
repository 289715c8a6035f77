import { validateLabelSelector } from './label-selector-validation';

describe('validateLabelSelector', () => {
  it('validates expressions with their paths', () => {
    const errors = validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }, { key: 'b', operator: 'Exists', values: ['x'] }, { key: 'c', operator: 'Near' }] }, 'spec.selector');
    expect(errors.map((e) => [e.field, e.type])).toEqual([
      ['spec.selector.matchExpressions[0].values', 'FieldValueRequired'],
      ['spec.selector.matchExpressions[1].values', 'FieldValueForbidden'],
      ['spec.selector.matchExpressions[2].operator', 'FieldValueInvalid'],
    ]);
  });
});
