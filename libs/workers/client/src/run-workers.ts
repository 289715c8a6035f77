import type { WorkQueue } from './work-queue';

export interface RunWorkersOptions<K> {
  /** Told of every failed sync before the key is requeued (default: a line on stderr). */
  onError?: (key: K, error: unknown) => void;
  /**
   * A fixed delay (ms) for errors that are not failures of the key but a cache that trails a write (the
   * back-off is left as it was: a burst of them must not push the key minutes away); undefined: rate-limited.
   */
  retryAfter?: (error: unknown) => number | undefined;
}

/**
 * Runs `workers` loops of get → sync → done until the queue shuts down (client-go's processNextWorkItem):
 * a sync that resolves forgets the key's back-off; one that throws requeues it rate-limited. Resolves
 * when every loop has ended.
 */
export async function runWorkers<K>(queue: WorkQueue<K>, sync: (key: K) => Promise<void>, workers: number, options: RunWorkersOptions<K> = {}): Promise<void> {
  const onError = options.onError ?? ((key, error) => process.stderr.write(`sync ${String(key)} failed (requeued): ${(error as Error)?.message ?? error}\n`));
  const loop = async () => {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      try {
        await sync(key);
        queue.forget(key);
      } catch (error) {
        onError(key, error);
        const delay = options.retryAfter?.(error);
        if (delay === undefined) queue.addRateLimited(key);
        else queue.addAfter(key, delay);
      } finally {
        queue.done(key);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, loop));
}
