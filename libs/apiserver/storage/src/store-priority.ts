import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<true>();

/**
 * Runs `run` in the store's priority lane: its reads take the store's reserved connections instead of
 * waiting for the shared pool, and its writes join the next group commit ahead of queued bulk writes.
 * For the control plane's own footing (leader election, node heartbeats, system requests), as upstream's
 * API Priority and Fairness gives them levels no bulk traffic can starve: APF bounds what runs at once per
 * level, but every level then shares the store, where a lease renewal would otherwise queue behind
 * thousands of event writes and every pool connection's reads.
 */
export function withStorePriority<T>(run: () => T): T {
  return current.run(true, run);
}

/** True inside withStorePriority. */
export function hasStorePriority(): boolean {
  return current.getStore() === true;
}
