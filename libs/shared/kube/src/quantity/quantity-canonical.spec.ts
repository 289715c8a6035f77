import { canonicalQuantity } from './quantity-canonical';

describe('canonicalQuantity', () => {
  it.each([
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['2048', '2048'],
    ['2000', '2k'],
    ['1500', '1500'],
    ['1000m', '1'],
    ['0.5', '500m'],
    ['100m', '100m'],
    ['1.5', '1500m'],
    ['0.5Ki', '512'],
    ['1e3', '1e3'],
    ['1500e3', '1500e3'],
    ['0', '0'],
    ['0Gi', '0'],
    ['1n', '1n'],
    ['0.1n', '1n'],
    ['-500m', '-500m'],
    ['12M', '12M'],
    [5, '5'],
    ['banana', 'banana'],
  ])('canonicalizes %s as %s', (input, output) => {
    expect(canonicalQuantity(input)).toBe(output);
  });
});
