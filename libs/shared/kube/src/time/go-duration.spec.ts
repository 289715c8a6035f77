import { goDuration } from './go-duration';

describe('goDuration', () => {
  it.each([
    [0, '0s'],
    [0.85, '850µs'],
    [3.1, '3.1ms'],
    [250, '250ms'],
    [1500, '1.5s'],
    [123_500, '2m3.5s'],
    [3_600_000, '1h0m0s'],
    [-2, '-2ms'],
  ])('prints %p ms as Go prints the Duration: %p', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});
