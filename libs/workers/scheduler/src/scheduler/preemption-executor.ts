import { isNotFound, KubeClient, resources } from '@drydock/client';
import type { PreemptionCandidate } from '../framework/default-preemption';
import type { Pod } from '../framework/types';
import type { SchedulerEventSink } from './scheduler-events';

/**
 * prepareCandidate: each victim gets the DisruptionTarget condition (reason PreemptionByScheduler) and
 * is deleted with its grace period, and a `Preempted` event says by whom. The preemptor's
 * status.nominatedNodeName is written with its failure record. Never throws; a victim gone already is fine.
 */
export async function evictVictims(client: KubeClient, events: SchedulerEventSink, preemptor: Pod, candidate: PreemptionCandidate, log: (line: string) => void): Promise<void> {
  const schedulerName = preemptor.spec.schedulerName ?? 'default-scheduler';
  await Promise.all(candidate.victims.map(async (victim) => {
    const { namespace, name } = victim.metadata;
    try {
      const condition = { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${schedulerName}: preempting to accommodate a higher priority pod`, lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
      await client.patch(resources.pods, namespace!, name!, { status: { conditions: [condition] } }, 'strategic', { subresource: 'status' });
      await client.delete(resources.pods, namespace!, name!);
      log(`preempted ${namespace}/${name} on ${candidate.nodeName} for ${preemptor.metadata.namespace}/${preemptor.metadata.name}`);
    } catch (error) {
      if (!isNotFound(error)) log(`preempting ${namespace}/${name}: ${(error as Error).message}`);
    }
    events.preempted?.(victim, preemptor, candidate.nodeName);
  }));
}
