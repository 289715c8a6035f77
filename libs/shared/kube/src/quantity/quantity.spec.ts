import { parseQuantity, Quantity, QuantityError, quantityError, quantityFormatError, quantitySuffixError } from './quantity';

const number = (text: string | number) => parseQuantity(text).toNumber();

describe('parseQuantity', () => {
  it('reads cpu in cores and memory in bytes in every Kubernetes form', () => {
    expect(number('100m')).toBeCloseTo(0.1);
    expect(number('2')).toBe(2);
    expect(number('1.5')).toBe(1.5);
    expect(number('128Mi')).toBe(128 * 2 ** 20);
    expect(number('1Gi')).toBe(2 ** 30);
    expect(number('1G')).toBe(1e9);
    expect(number('1e3')).toBe(1000);
    expect(number('500k')).toBe(500_000);
    expect(number(4)).toBe(4);
    expect(number('500m')).toBe(0.5);
  });

  it('keeps amounts exact where float64 would not', () => {
    expect(parseQuantity('0.1').add(parseQuantity('0.2')).toString()).toBe('300m');
    expect(parseQuantity('8Ei').nano).toBe((2n ** 63n - 1n) * 10n ** 9n);
  });

  it('parses decimal, binary and exponent suffixes into milli and whole units', () => {
    expect(parseQuantity('500m').milliValue()).toBe(500);
    expect(parseQuantity('2').milliValue()).toBe(2000);
    expect(parseQuantity('0.1').milliValue()).toBe(100);
    expect(parseQuantity('16Gi').value()).toBe(16 * 2 ** 30);
    expect(parseQuantity('1k').value()).toBe(1000);
    expect(parseQuantity('1e3').value()).toBe(1000);
    expect(parseQuantity('128974848').value()).toBe(128974848);
    expect(parseQuantity('1e+3').value()).toBe(1000);
  });

  it('rounds fractional units up like Quantity.Value() and MilliValue()', () => {
    expect(parseQuantity('1n').milliValue()).toBe(1);
    expect(parseQuantity('1.5').value()).toBe(2);
    expect(parseQuantity('-1.5').value()).toBe(-2);
  });

  it('rounds amounts finer than a nano unit up, as ParseQuantity', () => {
    expect(parseQuantity('0.1n').nano).toBe(1n);
    expect(parseQuantity('-0.1n').nano).toBe(-1n);
  });

  it('ignores the spaces JSON decoding trims', () => {
    expect(number(' 2 ')).toBe(2);
  });

  it.each(['lots', 'nonsense', '', ' ', '1.1.M', '1+1.0M', 'abc', '1 2'])('refuses %j with ErrFormatWrong', (text) => {
    expect(() => parseQuantity(text)).toThrow(new QuantityError(quantityFormatError));
  });

  it.each(['0.1mi', '.5i', '1i', '1mm', '1Kii'])('refuses the suffix of %j with ErrSuffix', (text) => {
    expect(() => parseQuantity(text)).toThrow(new QuantityError(quantitySuffixError));
  });

  it('refuses what is neither a string nor a finite number', () => {
    expect(() => parseQuantity(undefined)).toThrow(QuantityError);
    expect(() => parseQuantity({})).toThrow(QuantityError);
    expect(() => parseQuantity(Number.NaN)).toThrow(QuantityError);
  });

  it('names the error of a malformed quantity and nothing for a good one', () => {
    expect(quantityError('abc')).toBe(quantityFormatError);
    expect(quantityError('1Gi')).toBeUndefined();
  });
});

describe('Quantity', () => {
  it('compares by amount whatever the format', () => {
    expect(parseQuantity('1Gi').cmp(parseQuantity('1024Mi'))).toBe(0);
    expect(parseQuantity('1G').cmp(parseQuantity('1Gi'))).toBe(-1);
    expect(parseQuantity('1500m').cmp(parseQuantity('1'))).toBe(1);
  });

  it('reports its sign', () => {
    expect(parseQuantity('-2').sign()).toBe(-1);
    expect(parseQuantity('0Gi').sign()).toBe(0);
    expect(new Quantity(5n).sign()).toBe(1);
  });

  it('adds and subtracts keeping the format of the first non-zero operand', () => {
    expect(parseQuantity('1Gi').add(parseQuantity('1Gi')).toString()).toBe('2Gi');
    expect(parseQuantity('0').add(parseQuantity('1Gi')).toString()).toBe('1Gi');
    expect(parseQuantity('1').sub(parseQuantity('250m')).toString()).toBe('750m');
  });
});
