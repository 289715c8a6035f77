import type { KubeObject } from '@drydock/util';
import { parseQuantity } from '@drydock/kube';

/**
 * The kubelet's admission of a pod bound to its node (upstream's predicate admit handler, resource
 * part): the pod's requests must fit the node's allocatable minus what its admitted pods request.
 * Pure. A rejected pod is failed with reason `OutOf<resource>` and upstream's message (the event
 * carries it as is, the status prefixed with `Pod was rejected: `).
 */

export interface Rejection {
  reason: string;
  message: string;
}

interface Resources { requests?: Record<string, string | number> }
interface PodSpec { containers?: Array<{ resources?: Resources }>; initContainers?: Array<{ resources?: Resources }> }

/**
 * cpu in millicores (MilliValue), memory in bytes (Value): the units of upstream's message. The API
 * server validated these quantities; a malformed one throws.
 */
function amount(value: string | number | undefined, name: 'cpu' | 'memory'): number {
  if (value === undefined) return 0;
  const quantity = parseQuantity(value);
  return name === 'cpu' ? quantity.milliValue() : quantity.value();
}

function request(resources: Resources | undefined, name: 'cpu' | 'memory'): number {
  return amount(resources?.requests?.[name], name);
}

/** Effective request: the larger of the containers' sum and the largest init container. */
export function podRequest(pod: KubeObject, name: 'cpu' | 'memory'): number {
  const spec = (pod.spec ?? {}) as PodSpec;
  const sum = (spec.containers ?? []).reduce((total, c) => total + request(c.resources, name), 0);
  const init = Math.max(0, ...(spec.initContainers ?? []).map((c) => request(c.resources, name)));
  return Math.max(sum, init);
}

export function admitPod(pod: KubeObject, admitted: KubeObject[], allocatable: Record<string, string>): Rejection | undefined {
  const reject = (resource: string, requested: number, used: number, capacity: number): Rejection => ({
    reason: `OutOf${resource}`,
    message: `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
  });
  const pods = Number(allocatable.pods ?? 110);
  if (admitted.length + 1 > pods) return reject('pods', 1, admitted.length, pods);
  for (const name of ['cpu', 'memory'] as const) {
    const requested = podRequest(pod, name);
    if (requested === 0) continue;
    const capacity = amount(allocatable[name], name);
    const used = admitted.reduce((total, other) => total + podRequest(other, name), 0);
    if (used + requested > capacity) return reject(name, requested, used, capacity);
  }
  return undefined;
}
