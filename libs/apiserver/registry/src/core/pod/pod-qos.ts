import { parseQuantity, Quantity, quantityError } from '@drydock/kube';
import { Json, record, records } from '../../support/object-fields';

const computeResources = ['cpu', 'memory'];

/** A request or limit; absent and malformed (validation reports those) both count as unset. */
const quantityOf = (value: unknown): Quantity | undefined => (value === undefined || quantityError(value) ? undefined : parseQuantity(value));

/** qos.GetPodQOS over cpu and memory: BestEffort, Guaranteed or Burstable. */
export function podQosClass(spec: Json): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const containers = [...records(spec.containers), ...records(spec.initContainers)];
  let anySet = false;
  let guaranteed = true;
  for (const container of containers) {
    const requests = record(container, 'resources', 'requests');
    const limits = record(container, 'resources', 'limits');
    for (const name of computeResources) {
      const request = quantityOf(requests[name]);
      const limit = quantityOf(limits[name]);
      if ((request?.sign() ?? 0) > 0 || (limit?.sign() ?? 0) > 0) anySet = true;
      if (limit === undefined || (request !== undefined && request.cmp(limit) !== 0)) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
