import type { KubeObject } from '@drydock/util';

/**
 * Annotations under `sim.drydock.dev/` that steer a simulated pod (documented in docs/node-sim.md).
 * Each may be set for the whole pod (`sim.drydock.dev/crash`) or for one container
 * (`sim.drydock.dev/crash.web`), the container form winning.
 */
export const SIM_PREFIX = 'sim.drydock.dev/';

export const SimAnnotation = {
  pullDuration: 'pull-duration',
  startDuration: 'start-duration',
  stopDuration: 'stop-duration',
  exitAfter: 'exit-after',
  exitCode: 'exit-code',
  crash: 'crash',
  readyAfter: 'ready-after',
  readiness: 'readiness',
  liveness: 'liveness',
  memoryUsage: 'memory-usage',
} as const;

/** Container env var that hints the simulated memory use, like the annotation. */
export const MEMORY_USAGE_ENV = 'SIM_MEMORY_USAGE';

export const POWER_ANNOTATION = `${SIM_PREFIX}power`;
export const KUBELET_ENDPOINT_ANNOTATION = `${SIM_PREFIX}kubelet-endpoint`;

export function simAnnotation(pod: KubeObject, key: string, container?: string): string | undefined {
  const annotations = pod.metadata.annotations ?? {};
  return (container !== undefined ? annotations[`${SIM_PREFIX}${key}.${container}`] : undefined) ?? annotations[`${SIM_PREFIX}${key}`];
}

/** Parses `1.5s`, `500ms`, `2m`, `1h30m` or a bare number of seconds into milliseconds; undefined if invalid. */
export function parseDurationMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = text;
  while (rest.length > 0) {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * units[match[2]];
    rest = rest.slice(match[0].length);
  }
  return text.length > 0 ? total : undefined;
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a Kubernetes quantity (`256Mi`, `1G`, `500m`, `2`, `1e3`) into a number of base units. */
export function parseQuantity(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const match = /^([+-]?\d*\.?\d+(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(value.trim());
  if (!match) return undefined;
  const suffix = match[2] ?? '';
  return Number(match[1]) * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** Formats a simulated duration as Go's time.Duration String() does, rounded to ms: `1.2s`, `350ms`, `2m3s`. */
export function formatGoDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalSeconds = Math.round(ms) / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Number((totalSeconds % 60).toFixed(3));
  return `${hours ? `${hours}h` : ''}${hours || minutes ? `${minutes}m` : ''}${seconds}s`;
}
