import { goDurationString } from './special-types.converter';

describe('goDurationString', () => {
  it.each([
    [0, '0s'], [999, '999ns'], [1500, '1.5µs'], [300e6, '300ms'], [1e9, '1s'], [90e9, '1m30s'], [3600e9, '1h0m0s'],
    [3723.5e9, '1h2m3.5s'], [-5e9, '-5s'],
  ])('formats %d ns as %s, like Go time.Duration.String', (nanoseconds, expected) => {
    expect(goDurationString(nanoseconds)).toBe(expected);
  });
});
