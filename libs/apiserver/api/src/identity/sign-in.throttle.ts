/**
 * Slows password guessing: after `maxFailures` failed sign-ins for one user name within `windowMs`,
 * further attempts for that name are refused (429 with Retry-After) until the oldest failure leaves the
 * window; a successful sign-in clears the name. Per API server process, in memory.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxNames = 10_000,
  ) {}

  /** Seconds to wait before `name` may try again, or 0 when it may try now. */
  retryAfterSeconds(name: string): number {
    const recent = this.recent(name);
    if (recent.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((recent[0] + this.windowMs - this.now()) / 1000));
  }

  failed(name: string): void {
    if (!this.failures.has(name) && this.failures.size >= this.maxNames) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(name, [...this.recent(name), this.now()].slice(-this.maxFailures));
  }

  succeeded(name: string): void {
    this.failures.delete(name);
  }

  private recent(name: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(name) ?? []).filter((at) => at > since);
  }
}
