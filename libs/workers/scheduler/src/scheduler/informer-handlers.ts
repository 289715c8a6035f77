import type { Informer } from '@drydock/client';
import type { SchedulerCache } from '../cache/scheduler-cache';
import { podKey } from '../framework/node-info';
import type { Node, Pod } from '../framework/types';
import type { SchedulingQueue } from '../queue/scheduling-queue';
import { changedForScheduling, isAssigned, isResponsibleFor, isTerminal } from './pod-filters';

/**
 * Pods: bound, running pods go to the cache; pending pods that are ours go to the queue. A deleted
 * bound pod frees room, so unschedulable pods are retried. Handlers only update state; never block.
 */
export function watchPods(informer: Informer<Pod>, cache: SchedulerCache, queue: SchedulingQueue, schedulerName: string): void {
  const upsert = (pod: Pod, oldPod?: Pod) => {
    const key = podKey(pod);
    if (isAssigned(pod)) {
      queue.delete(key);
      if (isTerminal(pod)) {
        cache.removePod(key);
        queue.moveAllToActiveOrBackoff();
      } else cache.addOrUpdatePod(pod);
    } else if (isResponsibleFor(pod, schedulerName)) {
      if (!oldPod || !queue.has(key)) queue.add(pod);
      else if (changedForScheduling(oldPod, pod)) queue.update(pod);
      else queue.add(pod);
    } else queue.delete(key);
  };
  informer.addEventHandler({
    onAdd: (pod) => upsert(pod),
    onUpdate: (oldPod, newPod) => upsert(newPod, oldPod),
    onDelete: (pod) => {
      const key = podKey(pod);
      queue.delete(key);
      if (isAssigned(pod) || cache.isAssumed(key)) {
        cache.removePod(key);
        queue.moveAllToActiveOrBackoff();
      }
    },
  });
}

/** Nodes: every add or relevant change may make unschedulable pods fit. */
export function watchNodes(informer: Informer<Node>, cache: SchedulerCache, queue: SchedulingQueue): void {
  informer.addEventHandler({
    onAdd: (node) => {
      cache.addOrUpdateNode(node);
      queue.moveAllToActiveOrBackoff();
    },
    onUpdate: (oldNode, newNode) => {
      cache.addOrUpdateNode(newNode);
      if (nodeChangedForScheduling(oldNode, newNode)) queue.moveAllToActiveOrBackoff();
    },
    onDelete: (node) => cache.removeNode(node.metadata.name!),
  });
}

/** Heartbeats and condition timestamps do not matter; allocatable, labels, taints and cordoning do. */
function nodeChangedForScheduling(oldNode: Node, newNode: Node): boolean {
  const relevant = (node: Node) => JSON.stringify([node.status?.allocatable, node.metadata.labels, node.spec?.taints, node.spec?.unschedulable]);
  return relevant(oldNode) !== relevant(newNode);
}
