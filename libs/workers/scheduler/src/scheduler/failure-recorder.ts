import { conditionTransitionTime } from '@drydock/kube';
import { isNotFound, KubeClient, resources } from '@drydock/client';
import type { Diagnosis } from '../framework/fit-error';
import type { Pod } from '../framework/types';
import type { SchedulerEventSink } from './scheduler-events';

/** Where the per-node reasons of an unschedulable pod are kept for the dashboard: JSON node → [reasons]. */
export const NODE_REASONS_ANNOTATION = 'scheduler.drydock.dev/node-reasons';

/** The annotation's value: node names sorted, each with its rejection reasons. */
export function nodeReasonsValue(diagnosis: Diagnosis): string {
  const names = [...diagnosis.statuses.keys()].sort();
  const record: Record<string, string[]> = {};
  for (const name of names) record[name] = diagnosis.statuses.get(name)!.reasons;
  return JSON.stringify(record);
}

/**
 * Records a failed attempt as upstream's handleSchedulingFailure: the PodScheduled=False/Unschedulable
 * condition (pods/status, only when its message changes), a FailedScheduling event, and Drydock's
 * node-reasons annotation (only when it changes). Never throws; a pod deleted meanwhile is ignored.
 */
export async function recordSchedulingFailure(client: KubeClient, events: SchedulerEventSink, pod: Pod, message: string, diagnosis: Diagnosis | null, log: (line: string) => void, nominatedNodeName?: string): Promise<void> {
  events.failedScheduling(pod, message);
  const { namespace, name } = pod.metadata;
  try {
    await Promise.all([updateCondition(client, pod, message, nominatedNodeName), diagnosis ? updateAnnotation(client, pod, nodeReasonsValue(diagnosis)) : undefined]);
  } catch (error) {
    if (!isNotFound(error)) log(`recording the failure of ${namespace}/${name}: ${(error as Error).message}`);
  }
}

/** The PodScheduled condition, and status.nominatedNodeName once preemption made room (updatePod in one patch, as upstream). */
async function updateCondition(client: KubeClient, pod: Pod, message: string, nominatedNodeName?: string): Promise<void> {
  const current = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
  const nominationChanges = nominatedNodeName !== undefined && pod.status?.nominatedNodeName !== nominatedNodeName;
  if (current?.status === 'False' && current.reason === 'Unschedulable' && current.message === message && !nominationChanges) return;
  const lastTransitionTime = conditionTransitionTime(current, 'False', new Date());
  const condition = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime };
  const status = nominationChanges ? { conditions: [condition], nominatedNodeName } : { conditions: [condition] };
  await client.patch(resources.pods, pod.metadata.namespace!, pod.metadata.name!, { status }, 'strategic', { subresource: 'status' });
}

async function updateAnnotation(client: KubeClient, pod: Pod, value: string): Promise<void> {
  if (pod.metadata.annotations?.[NODE_REASONS_ANNOTATION] === value) return;
  await client.patch(resources.pods, pod.metadata.namespace!, pod.metadata.name!, { metadata: { annotations: { [NODE_REASONS_ANNOTATION]: value } } }, 'merge');
}

/** After a successful binding: drops the node-reasons annotation of a pod that once failed, so it cannot mislead. */
export async function clearNodeReasons(client: KubeClient, pod: Pod, log: (line: string) => void): Promise<void> {
  if (pod.metadata.annotations?.[NODE_REASONS_ANNOTATION] === undefined) return;
  try {
    await client.patch(resources.pods, pod.metadata.namespace!, pod.metadata.name!, { metadata: { annotations: { [NODE_REASONS_ANNOTATION]: null } } }, 'merge');
  } catch (error) {
    if (!isNotFound(error)) log(`clearing the node reasons of ${pod.metadata.namespace}/${pod.metadata.name}: ${(error as Error).message}`);
  }
}
