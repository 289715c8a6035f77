import { SignInThrottle } from './sign-in.throttle';

describe('SignInThrottle', () => {
  it('refuses a name after five failures within the window, until the oldest leaves it', () => {
    let now = 0;
    const throttle = new SignInThrottle(5, 300_000, () => now);
    for (let i = 0; i < 4; i++) {
      throttle.failed('alice');
      now += 1_000;
    }
    expect(throttle.retryAfterSeconds('alice')).toBe(0);
    throttle.failed('alice');
    expect(throttle.retryAfterSeconds('alice')).toBe(296);
    expect(throttle.retryAfterSeconds('bob')).toBe(0);
    now = 300_001;
    expect(throttle.retryAfterSeconds('alice')).toBe(0);
  });

  it('forgets a name once it signs in', () => {
    const throttle = new SignInThrottle(2, 60_000, () => 0);
    throttle.failed('alice');
    throttle.failed('alice');
    expect(throttle.retryAfterSeconds('alice')).toBeGreaterThan(0);
    throttle.succeeded('alice');
    expect(throttle.retryAfterSeconds('alice')).toBe(0);
  });
});
