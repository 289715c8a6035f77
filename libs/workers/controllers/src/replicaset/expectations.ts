/**
 * controller.ControllerExpectations: how many creations and which deletions a controller is still
 * waiting to see in its informer, so a slow cache does not make it create or delete twice. Expectations
 * expire after five minutes (ExpectationsTimeout), as upstream, in case a watch event was lost.
 */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  deletions: Set<string>;
  timestamp: number;
}

export class ControllerExpectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** True when the controller may act: nothing pending, or the expectations expired. */
  satisfied(key: string): boolean {
    const expectation = this.byKey.get(key);
    if (!expectation) return true;
    if (expectation.add <= 0 && expectation.deletions.size === 0) return true;
    return this.nowMs() - expectation.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, count: number): void {
    this.byKey.set(key, { add: count, deletions: new Set(), timestamp: this.nowMs() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.byKey.set(key, { add: 0, deletions: new Set(podKeys), timestamp: this.nowMs() });
  }

  creationObserved(key: string): void {
    const expectation = this.byKey.get(key);
    if (expectation) expectation.add--;
  }

  deletionObserved(key: string, podKey: string): void {
    this.byKey.get(key)?.deletions.delete(podKey);
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }
}
