/**
 * Simulated time for workers. With scale 10, ten simulated seconds pass per real second: grace
 * periods, tolerations, back-offs and image pulls all run ten times faster (DRYDOCK_CLOCK_SCALE).
 * Timestamps written to objects stay real wall-clock time, so kubectl's AGE columns stay true.
 */
export interface Clock {
  readonly scale: number;
  /** Real wall-clock time (for timestamps). */
  now(): Date;
  /** Real milliseconds for a simulated duration. */
  realMs(simulatedMs: number): number;
  /** Simulated milliseconds elapsed between two real instants. */
  simulatedSince(realStartMs: number, realNowMs?: number): number;
  /** Resolves after `simulatedMs` of simulated time. */
  sleep(simulatedMs: number): Promise<void>;
  setTimeout(callback: () => void, simulatedMs: number): NodeJS.Timeout;
  setInterval(callback: () => void, simulatedMs: number): NodeJS.Timeout;
}

export function createClock(scale = 1): Clock {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`clock scale must be a positive number, got ${scale}`);
  const realMs = (simulatedMs: number) => Math.max(0, simulatedMs / scale);
  return {
    scale,
    now: () => new Date(),
    realMs,
    simulatedSince: (realStartMs, realNowMs = Date.now()) => (realNowMs - realStartMs) * scale,
    sleep: (simulatedMs) => new Promise((resolve) => setTimeout(resolve, realMs(simulatedMs))),
    setTimeout: (callback, simulatedMs) => setTimeout(callback, realMs(simulatedMs)),
    setInterval: (callback, simulatedMs) => setInterval(callback, Math.max(1, realMs(simulatedMs))),
  };
}

/** The clock of this process, from DRYDOCK_CLOCK_SCALE (default 1: real time). */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  return createClock(env.DRYDOCK_CLOCK_SCALE ? Number(env.DRYDOCK_CLOCK_SCALE) : 1);
}
