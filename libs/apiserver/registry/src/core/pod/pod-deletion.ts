import type { DeletionStrategy } from '../../resource.types';
import { record } from '../../support/object-fields';

/** The grace period a pod gets when its spec names none (upstream's DefaultTerminationGracePeriodSeconds). */
const defaultTerminationGracePeriodSeconds = 30;

/**
 * Upstream's podStrategy.CheckGracefulDelete: a pod bound to a node and not yet finished is deleted
 * gracefully (the kubelet confirms with a grace-0 delete); any other pod goes at once.
 */
export const podDeletion: DeletionStrategy = {
  gracePeriodSeconds(pod, requested) {
    const spec = record(pod, 'spec');
    const phase = record(pod, 'status').phase;
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
    const period = requested ?? (spec.terminationGracePeriodSeconds as number | undefined) ?? defaultTerminationGracePeriodSeconds;
    return period > 0 ? period : 0;
  },
};
