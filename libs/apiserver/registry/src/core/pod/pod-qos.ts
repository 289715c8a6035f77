import { parseQuantity } from '../../meta/quantity';
import { Json, list, read } from '../core-strategy-helpers';

const computeResources = ['cpu', 'memory'];

/** qos.GetPodQOS over cpu and memory: BestEffort, Guaranteed or Burstable. */
export function podQosClass(spec: Json): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const containers = [...list(spec.containers), ...list(spec.initContainers)];
  let anySet = false;
  let guaranteed = true;
  for (const container of containers) {
    const requests = read(container, 'resources', 'requests');
    const limits = read(container, 'resources', 'limits');
    for (const name of computeResources) {
      const request = parseQuantity(requests[name]);
      const limit = parseQuantity(limits[name]);
      if ((request ?? 0) > 0 || (limit ?? 0) > 0) anySet = true;
      if (limit === undefined || (request !== undefined && request !== limit)) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
