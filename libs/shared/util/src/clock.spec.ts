import { createClock } from './clock';

describe('createClock', () => {
  it('runs simulated durations faster by the scale', () => {
    const clock = createClock(10);
    expect(clock.realMs(30_000)).toBe(3_000);
    expect(clock.simulatedSince(1_000, 2_000)).toBe(10_000);
  });

  it('is real time by default', () => {
    expect(createClock().realMs(500)).toBe(500);
  });

  it('refuses a scale that is not a positive number', () => {
    expect(() => createClock(0)).toThrow('clock scale must be a positive number');
    expect(() => createClock(Number.NaN)).toThrow();
  });
});
