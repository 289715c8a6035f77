import { createHash } from 'node:crypto';
import { podQosClass } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import type { ComponentState } from '../control-plane/component-state';
import type { Condition } from '../lifecycle/pod-status.builder';
import { imageDigest, parseImageReference } from '../runtime/image-rules';

/**
 * The status of a control-plane mirror pod whose container is one of Drydock's own processes: Running
 * and Ready while the process lives, its restart count the launcher's, and between an exit and the
 * launcher's restart, waiting in CrashLoopBackOff with the exit as lastState. hostNetwork, so the pod's
 * IP is the node's. Pure; condition transition times are kept from `previous` while unchanged.
 */
export function componentPodStatus(pod: KubeObject, state: ComponentState, alive: boolean, hostIP: string, now: string, previous: Condition[]): Record<string, unknown> {
  const container = ((pod.spec as { containers?: Array<{ name: string; image?: string }> }).containers ?? [])[0];
  const image = container?.image ?? '';
  const reference = parseImageReference(image);
  const containerID = (startedAt: string) => `drydock://${createHash('sha256').update(`${state.component}/${startedAt}`).digest('hex')}`;
  const last = state.lastExit;
  const lastState = last ? { terminated: { exitCode: last.exitCode, reason: last.exitCode === 0 ? 'Completed' : 'Error', startedAt: last.startedAt, finishedAt: last.finishedAt, containerID: containerID(last.startedAt) } } : {};
  const state_ = alive
    ? { running: { startedAt: state.startedAt } }
    : { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=${container?.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})` } };
  const ready = alive;
  const notReady = { status: 'False' as const, reason: 'ContainersNotReady', message: `containers with unready status: [${container?.name}]` };
  const conditions: Array<Omit<Condition, 'lastProbeTime' | 'lastTransitionTime'>> = [
    { type: 'PodReadyToStartContainers', status: 'True' },
    { type: 'Initialized', status: 'True' },
    ready ? { type: 'Ready', status: 'True' } : { type: 'Ready', ...notReady },
    ready ? { type: 'ContainersReady', status: 'True' } : { type: 'ContainersReady', ...notReady },
    { type: 'PodScheduled', status: 'True' },
  ];
  return {
    phase: 'Running',
    conditions: conditions.map((condition) => {
      const before = previous.find((p) => p.type === condition.type);
      return { ...condition, lastProbeTime: null, lastTransitionTime: before && before.status === condition.status ? before.lastTransitionTime : now };
    }),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP: hostIP,
    podIPs: [{ ip: hostIP }],
    startTime: (pod.status as { startTime?: string } | undefined)?.startTime ?? pod.metadata.creationTimestamp ?? now,
    containerStatuses: [{
      name: container?.name,
      state: state_,
      lastState,
      ready,
      restartCount: state.restartCount,
      image: reference.canonical.replace(/^docker\.io\//, ''),
      imageID: `${reference.registry}/${reference.repository}@sha256:${imageDigest(reference.canonical)}`,
      ...(alive ? { containerID: containerID(state.startedAt) } : {}),
      started: alive,
    }],
    qosClass: podQosClass(pod.spec),
  };
}
