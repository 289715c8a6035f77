import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { parseQuantity, Quantity, quantityError } from '../quantity/quantity';

export type PodQosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const computeResources = ['cpu', 'memory'];

/** The positive cpu and memory amounts of a ResourceList; absent and malformed ones (validation reports those) are skipped. */
function positive(list: Record<string, unknown> | undefined): Map<string, Quantity> {
  const amounts = new Map<string, Quantity>();
  for (const name of computeResources) {
    const value = list?.[name];
    if (value === undefined || quantityError(value)) continue;
    const quantity = parseQuantity(value);
    if (quantity.sign() > 0) amounts.set(name, quantity);
  }
  return amounts;
}

function addInto(total: Map<string, Quantity>, amounts: Map<string, Quantity>): void {
  for (const [name, quantity] of amounts) total.set(name, total.get(name)?.add(quantity) ?? quantity);
}

/**
 * qos.ComputePodQOS over the containers and init containers (requests defaulted from limits): BestEffort without any positive cpu or
 * memory request or limit; Guaranteed when every container limits both and the summed requests equal
 * the summed limits; Burstable otherwise.
 */
export function podQosClass(spec: unknown): PodQosClass {
  const podSpec = (spec ?? {}) as PodSpec;
  const containers: Container[] = [...(podSpec.containers ?? []), ...(podSpec.initContainers ?? [])];
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const container of containers) {
    // A limit without a request requests the limit, as API defaulting makes it before QoS is computed.
    addInto(requests, positive({ ...container.resources?.limits, ...container.resources?.requests }));
    const own = positive(container.resources?.limits);
    addInto(limits, own);
    if (!computeResources.every((name) => own.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (!limit || limit.cmp(request) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
