import { getScaledValueFromIntOrPercent, intOrPercentValue, IntOrStringError, isNotMoreThan100Percent, isPercent, validatePositiveIntOrPercent } from './int-or-percent';

describe('getScaledValueFromIntOrPercent', () => {
  it('rounds percentages up or down as asked and passes integers through', () => {
    expect(getScaledValueFromIntOrPercent('25%', 10, true)).toBe(3);
    expect(getScaledValueFromIntOrPercent('25%', 10, false)).toBe(2);
    expect(getScaledValueFromIntOrPercent('33%', 3, true)).toBe(1);
    expect(getScaledValueFromIntOrPercent('33%', 3, false)).toBe(0);
    expect(getScaledValueFromIntOrPercent(2, 10, false)).toBe(2);
    expect(getScaledValueFromIntOrPercent('0%', 10, true)).toBe(0);
  });

  it('refuses strings that are not percentages', () => {
    expect(() => getScaledValueFromIntOrPercent('3', 10, true)).toThrow();
    expect(() => getScaledValueFromIntOrPercent('abc', 10, true)).toThrow();
  });

  it('words its errors as upstream', () => {
    expect(() => getScaledValueFromIntOrPercent(undefined, 10, true)).toThrow(new IntOrStringError('nil value for IntOrString'));
    expect(() => getScaledValueFromIntOrPercent('3', 10, true)).toThrow(new IntOrStringError('invalid value for IntOrString: invalid type: string is not a percentage'));
    expect(() => getScaledValueFromIntOrPercent('2.5%', 10, true)).toThrow(new IntOrStringError('invalid value for IntOrString: invalid value "2.5%": strconv.Atoi: parsing "2.5": invalid syntax'));
  });
});

describe('int-or-percent validation (apps)', () => {
  it('knows a percentage', () => {
    expect(isPercent('10%')).toBe(true);
    expect(isPercent(10)).toBe(false);
  });

  it('reads the value of a percentage or an integer as getIntOrPercentValue', () => {
    expect(intOrPercentValue('25%')).toBe(25);
    expect(intOrPercentValue(3)).toBe(3);
    expect(intOrPercentValue('7')).toBe(7);
    expect(intOrPercentValue('x%')).toBe(0);
  });

  it('accepts non-negative integers and percent strings only', () => {
    expect(validatePositiveIntOrPercent('10%', 'spec.x')).toEqual([]);
    expect(validatePositiveIntOrPercent(0, 'spec.x')).toEqual([]);
    expect(validatePositiveIntOrPercent(-1, 'spec.x').map((e) => e.detail)).toEqual(['must be greater than or equal to 0']);
    expect(validatePositiveIntOrPercent('ten', 'spec.x')[0].detail).toMatch(/^a valid percent string must be/);
    expect(validatePositiveIntOrPercent(true, 'spec.x')[0].detail).toBe("must be an integer or percentage (e.g '5%')");
  });

  it('refuses more than 100%', () => {
    expect(isNotMoreThan100Percent('101%', 'spec.x').map((e) => e.detail)).toEqual(['must not be greater than 100%']);
    expect(isNotMoreThan100Percent('100%', 'spec.x')).toEqual([]);
  });
});
