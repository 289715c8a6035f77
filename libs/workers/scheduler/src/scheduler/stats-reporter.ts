import type { SchedulerStats } from './scheduler';

/**
 * Writes one line every `intervalMs` (real time) while the scheduler is busy: pods bound since the
 * last line, the rate, and the queue. Quiet when nothing changed. Returns a function that stops it.
 */
export function reportStatsPeriodically(scheduler: { stats(): SchedulerStats }, write: (line: string) => void, intervalMs = 10_000): () => void {
  let last = scheduler.stats();
  let lastAt = Date.now();
  const timer = setInterval(() => {
    const now = scheduler.stats();
    const bound = now.scheduled - last.scheduled;
    if (bound === 0 && now.failedAttempts === last.failedAttempts) return;
    const seconds = (Date.now() - lastAt) / 1000;
    write(`scheduler: bound ${bound} pods in ${seconds.toFixed(1)} s (${Math.round(bound / seconds)} pods/s), ${now.scheduled} in total; ${now.failedAttempts} failed attempts, ${now.bindErrors} binding errors; queue ${JSON.stringify(now.queue)}`);
    last = now;
    lastAt = Date.now();
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
