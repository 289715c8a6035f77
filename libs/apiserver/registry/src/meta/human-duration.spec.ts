import { age, humanDuration } from './human-duration';
import { defaultTable } from '../support/table-columns';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [5 * s, '5s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 2 * s, '3m2s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [5 * h + 20 * m, '5h20m'],
    [8 * h + 20 * m, '8h'],
    [47 * h, '47h'],
    [3 * d, '3d'],
    [3 * d + 4 * h, '3d4h'],
    [8 * d + 4 * h, '8d'],
    [400 * d, '400d'],
    [2 * 365 * d, '2y'],
    [2 * 365 * d + 30 * d, '2y30d'],
    [9 * 365 * d, '9y'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('age', () => {
  it('is the time since creationTimestamp', () => {
    expect(age({ metadata: { creationTimestamp: '2026-11-22T00:00:00Z' } }, new Date('2026-11-22T00:05:00Z'))).toBe('5m');
  });

  it('is <unknown> without a creationTimestamp', () => {
    expect(age({ metadata: {} }, new Date())).toBe('<unknown>');
  });
});

describe('defaultTable', () => {
  it('prints Name and Created At in RFC3339', () => {
    expect(defaultTable.columns.map((c) => c.name)).toEqual(['Name', 'Created At']);
    expect(defaultTable.row({ metadata: { name: 'x', creationTimestamp: '2026-11-22T01:02:03.000Z' } })).toEqual(['x', '2026-11-22T01:02:03Z']);
  });
});
