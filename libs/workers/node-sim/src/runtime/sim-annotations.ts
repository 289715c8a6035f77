import { parseQuantity, quantityError } from '@drydock/kube';
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
  cpuUsage: 'cpu-usage',
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

/**
 * A quantity a user wrote in an annotation or a container's env (`256Mi`) as whole units; undefined
 * when unset, and when malformed, so that a bad hint is ignored rather than failing the pod.
 */
export function hintedQuantity(value: string | number | undefined): number | undefined {
  return value === undefined || quantityError(value) ? undefined : parseQuantity(value).value();
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
