import type { Informer } from '@drydock/client';
import { getControllerOf, setSelectorMatches } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import type { LabelSelector, LabelSelectorRequirement, Pod } from '../framework/types';

/** The informers DefaultSelector reads (namespaced caches of Services and workload controllers). */
export interface DefaultSelectorSources {
  services: Informer<KubeObject>;
  replicationControllers: Informer<KubeObject>;
  replicaSets: Informer<KubeObject>;
  statefulSets: Informer<KubeObject>;
}

/** Selector of the pod's controller when it is a ReplicationController, ReplicaSet or StatefulSet in the cache. */
function controllerSelector(pod: Pod, sources: DefaultSelectorSources): LabelSelector | null {
  const owner = getControllerOf(pod);
  if (!owner) return null;
  const namespace = pod.metadata.namespace ?? '';
  if (owner.kind === 'ReplicationController' && owner.apiVersion === 'v1') {
    const selector = (sources.replicationControllers.get(namespace, owner.name)?.spec as { selector?: Record<string, string> } | undefined)?.selector;
    return selector ? { matchLabels: selector } : null;
  }
  const informer = owner.kind === 'ReplicaSet' ? sources.replicaSets : owner.kind === 'StatefulSet' ? sources.statefulSets : null;
  if (!informer || owner.apiVersion !== 'apps/v1') return null;
  return ((informer.get(namespace, owner.name)?.spec as { selector?: LabelSelector } | undefined)?.selector) ?? null;
}

/**
 * upstream's helper.DefaultSelector: the labels of every Service selecting the pod, ANDed with its
 * controller's selector; null when that is empty (the pod then gets no default spread constraints).
 */
export function defaultSelector(pod: Pod, sources: DefaultSelectorSources): LabelSelector | null {
  const matchLabels: Record<string, string> = {};
  for (const service of sources.services.list(pod.metadata.namespace ?? '')) {
    const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {};
    if (setSelectorMatches(selector, pod.metadata.labels)) Object.assign(matchLabels, selector);
  }
  const controller = controllerSelector(pod, sources);
  Object.assign(matchLabels, controller?.matchLabels);
  const matchExpressions: LabelSelectorRequirement[] = controller?.matchExpressions ?? [];
  if (Object.keys(matchLabels).length === 0 && matchExpressions.length === 0) return null;
  return matchExpressions.length ? { matchLabels, matchExpressions } : { matchLabels };
}
