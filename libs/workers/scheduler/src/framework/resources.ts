import { parseQuantity } from '@drydock/kube';
import type { Container, Pod } from './types';

/**
 * MilliValue() and Value() of quantities the API server has validated (a malformed one throws, as
 * upstream's decoding would have refused the object); absent counts as 0.
 */
const milliValue = (value: string | number | undefined) => (value === undefined ? 0 : parseQuantity(value).milliValue());
const unitValue = (value: string | number | undefined) => (value === undefined ? 0 : parseQuantity(value).value());

/** Requested resources: milliCPU, memory bytes, and any other resource in whole units. */
export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  scalar: Record<string, number>;
}

/** What a node can give: its allocatable (falling back to capacity), plus the pod count. */
export interface Allocatable extends Resources {
  allowedPodNumber: number;
}

/** Upstream's defaults for containers without requests, used only for scoring (non-zero requests). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function emptyResources(): Resources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
}

/** Adds `list` (a requests map) into `into`; mutates `into`. */
function addResourceList(into: Resources, list: Record<string, string | number> | undefined): void {
  if (!list) return;
  for (const [name, quantity] of Object.entries(list)) {
    if (name === 'cpu') into.milliCPU += milliValue(quantity);
    else if (name === 'memory') into.memory += unitValue(quantity);
    else if (name === 'ephemeral-storage') into.ephemeralStorage += unitValue(quantity);
    else if (name !== 'pods') into.scalar[name] = (into.scalar[name] ?? 0) + unitValue(quantity);
  }
}

/** A container's requests; a resource with only a limit requests the limit, as API defaulting does. */
function containerRequests(container: Container): Record<string, string | number> {
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  return { ...limits, ...requests };
}

function maxInto(into: Resources, other: Resources): void {
  into.milliCPU = Math.max(into.milliCPU, other.milliCPU);
  into.memory = Math.max(into.memory, other.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, other.ephemeralStorage);
  for (const [name, value] of Object.entries(other.scalar)) into.scalar[name] = Math.max(into.scalar[name] ?? 0, value);
}

/**
 * The pod's effective request as upstream's PodRequests: the sum of its containers, at least the
 * largest init container (restartable sidecars add to both), plus the pod overhead.
 */
export function podRequests(pod: Pod): Resources {
  const total = emptyResources();
  for (const container of pod.spec.containers ?? []) addResourceList(total, containerRequests(container));
  const sidecars = emptyResources();
  for (const init of pod.spec.initContainers ?? []) {
    const own = emptyResources();
    addResourceList(own, containerRequests(init));
    if (init.restartPolicy === 'Always') {
      addResourceList(sidecars, containerRequests(init));
      addResourceList(total, containerRequests(init));
    } else {
      addResourceList(own, sidecarsAsList(sidecars));
      maxInto(total, own);
    }
  }
  addResourceList(total, pod.spec.overhead);
  return total;
}

function sidecarsAsList(sidecars: Resources): Record<string, number> {
  return { cpu: sidecars.milliCPU / 1000, memory: sidecars.memory, 'ephemeral-storage': sidecars.ephemeralStorage, ...sidecars.scalar };
}

/** CPU and memory with upstream's defaults for containers that request none (GetNonzeroRequests). */
export function podNonZeroRequests(pod: Pod): { milliCPU: number; memory: number } {
  let milliCPU = 0;
  let memory = 0;
  for (const container of pod.spec.containers ?? []) {
    const requests = containerRequests(container);
    milliCPU += requests.cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : milliValue(requests.cpu);
    memory += requests.memory === undefined ? DEFAULT_MEMORY_REQUEST : unitValue(requests.memory);
  }
  milliCPU += milliValue(pod.spec.overhead?.cpu);
  memory += unitValue(pod.spec.overhead?.memory);
  return { milliCPU, memory };
}

export function allocatableOf(status: { allocatable?: Record<string, string | number>; capacity?: Record<string, string | number> } | undefined): Allocatable {
  const list = status?.allocatable ?? status?.capacity ?? {};
  const resources = emptyResources();
  addResourceList(resources, list);
  return { ...resources, allowedPodNumber: list.pods === undefined ? 0 : unitValue(list.pods) };
}
