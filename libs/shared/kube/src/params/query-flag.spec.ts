import { queryFlag } from './query-flag';

describe('queryFlag: booleans in query strings as the Go API server reads them', () => {
  it.each([
    ['watch=true', true],
    ['watch=True', true],
    ['watch=1', true],
    ['watch=', true],
    ['watch=yes', true],
    ['watch=false', false],
    ['watch=False', false],
    ['watch=FALSE', false],
    ['watch=0', false],
    ['', false],
  ])('%s is %s', (search, expected) => {
    expect(queryFlag(new URLSearchParams(search), 'watch')).toBe(expected);
  });

  it('reads the first of repeated values, as url.Values does', () => {
    expect(queryFlag(new URLSearchParams('watch=false&watch=true'), 'watch')).toBe(false);
  });
});
