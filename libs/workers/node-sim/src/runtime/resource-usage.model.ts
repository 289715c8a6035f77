import { imageFamily } from './image-layouts';

/**
 * How much CPU and memory a simulated container uses, as the kubelet's cAdvisor would measure it. Pure:
 * the same input gives the same answer, so usage is deterministic but lively (it drifts slowly with
 * time, differently for each container) and follows what the learner does to the pod:
 *   - idle: a baseline per image plus a small share of the container's requests;
 *   - load: requests reaching the pod through the simulated network (wget, curl, nc) cost CPU time,
 *     php-apache's `registry.k8s.io/hpa-example` much more than nginx, and a little memory;
 *   - a load generator (stress) burns the CPU of its hogs;
 *   - never more CPU than the container's limit (throttled), nor than the node has;
 *   - `sim.drydock.dev/cpu-usage` / `memory-usage` (per pod or `.CONTAINER`) set the usage exactly.
 */

const MI = 1024 * 1024;

/** Idle CPU (millicores) and working set (bytes) of well-known images, near what they use on a real node. */
const IDLE: Record<string, { cpuMilli: number; memoryBytes: number }> = {
  nginx: { cpuMilli: 1, memoryBytes: 4 * MI },
  httpd: { cpuMilli: 1, memoryBytes: 6 * MI },
  'hpa-example': { cpuMilli: 1, memoryBytes: 10 * MI },
  redis: { cpuMilli: 2, memoryBytes: 8 * MI },
  postgres: { cpuMilli: 5, memoryBytes: 30 * MI },
  mysql: { cpuMilli: 8, memoryBytes: 360 * MI },
  mariadb: { cpuMilli: 6, memoryBytes: 90 * MI },
  mongo: { cpuMilli: 10, memoryBytes: 160 * MI },
  memcached: { cpuMilli: 1, memoryBytes: 3 * MI },
  rabbitmq: { cpuMilli: 15, memoryBytes: 120 * MI },
  node: { cpuMilli: 2, memoryBytes: 40 * MI },
  python: { cpuMilli: 1, memoryBytes: 12 * MI },
  coredns: { cpuMilli: 2, memoryBytes: 14 * MI },
  'kube-proxy': { cpuMilli: 1, memoryBytes: 12 * MI },
  busybox: { cpuMilli: 0, memoryBytes: MI / 2 },
  alpine: { cpuMilli: 0, memoryBytes: MI },
};
const DEFAULT_IDLE = { cpuMilli: 1, memoryBytes: 8 * MI };

/** CPU time one request costs its server, in core-milliseconds (hpa-example computes a million square roots). */
const REQUEST_COST_MS: Record<string, number> = { 'hpa-example': 20, nginx: 0.2, httpd: 0.4 };
const DEFAULT_REQUEST_COST_MS = 1;
/** Memory a request in flight holds (buffers), per request per second. */
const REQUEST_MEMORY_BYTES = 64 * 1024;

export interface ContainerUsageInput {
  image: string;
  requests: { cpuMilli?: number; memoryBytes?: number };
  limits: { cpuMilli?: number; memoryBytes?: number };
  /** Simulated seconds since the container started. */
  uptimeSeconds: number;
  /** A stable number per container, so that containers of one Deployment do not move in step. */
  seed: number;
  /** Requests per second reaching the pod (all its containers serve them; the first one pays). */
  requestRate: number;
  /** The node's CPU in millicores: the most any container can use. */
  nodeCpuMilli: number;
  /** CPU the container's own program burns (stress's hogs), millicores. */
  busyCpuMilli?: number;
  /** The annotations' exact values, when set. */
  cpuHintMilli?: number;
  memoryHintBytes?: number;
}

export interface ContainerUsage {
  cpuNanoCores: number;
  memoryBytes: number;
}

/** The image name usage is keyed by: `registry.k8s.io/hpa-example` → `hpa-example`, `nginx:1.27` → `nginx`. */
export function usageFamily(image: string): string {
  return imageFamily(image) ?? image.split('@')[0].split('/').pop()!.split(':')[0];
}

/** A slow drift between 0.75 and 1.25: two sines of a few minutes' period, phase-shifted by the seed. */
function drift(uptimeSeconds: number, seed: number): number {
  const phase = (seed % 1000) / 1000 * 2 * Math.PI;
  return 1 + 0.15 * Math.sin(uptimeSeconds / 47 + phase) + 0.1 * Math.sin(uptimeSeconds / 13 + 2 * phase);
}

export function containerUsage(input: ContainerUsageInput): ContainerUsage {
  const family = usageFamily(input.image);
  const idle = IDLE[family] ?? DEFAULT_IDLE;
  const wobble = drift(input.uptimeSeconds, input.seed);
  const cpuCap = Math.min(input.limits.cpuMilli ?? Infinity, input.nodeCpuMilli);
  const loadMilli = input.requestRate * (REQUEST_COST_MS[family] ?? DEFAULT_REQUEST_COST_MS);
  const idleMilli = (idle.cpuMilli + 0.02 * (input.requests.cpuMilli ?? 0)) * wobble;
  const cpuMilli = input.cpuHintMilli ?? Math.min(cpuCap, idleMilli + loadMilli + (input.busyCpuMilli ?? 0));
  const memoryCap = input.limits.memoryBytes !== undefined ? 0.95 * input.limits.memoryBytes : Infinity;
  const idleMemory = (idle.memoryBytes + 0.1 * (input.requests.memoryBytes ?? 0)) * (0.95 + 0.05 * wobble);
  const memory = input.memoryHintBytes ?? Math.min(memoryCap, idleMemory + input.requestRate * REQUEST_MEMORY_BYTES);
  // cAdvisor's working set is counted in pages: whole KiB multiples of 4.
  return { cpuNanoCores: Math.round(cpuMilli * 1e6), memoryBytes: Math.round(memory / 4096) * 4096 };
}

/** What the node itself uses beyond its pods (the OS, the kubelet, the runtime), drifting like a container. */
export function nodeOverhead(uptimeSeconds: number, seed: number): ContainerUsage {
  const wobble = drift(uptimeSeconds, seed);
  return { cpuNanoCores: Math.round(45 * wobble * 1e6), memoryBytes: Math.round((520 * MI * (0.97 + 0.03 * wobble)) / 4096) * 4096 };
}

/** A stable seed from a string (a container id or a node name). */
export function usageSeed(text: string): number {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash;
}
