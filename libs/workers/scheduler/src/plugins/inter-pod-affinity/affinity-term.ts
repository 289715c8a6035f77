import { isEmptySelector, labelSelectorMatcher, selectorMatches } from '@drydock/kube';
import type { Pod, PodAffinityTerm } from '../../framework/types';

/** Looks up a namespace's labels, for terms with a namespaceSelector; undefined when unknown. */
export type NamespaceLabels = (namespace: string) => Record<string, string> | undefined;

/**
 * Whether `term`, declared by `owner`, selects `target` (upstream's AffinityTerm.Matches): the target's
 * namespace is listed, or selected by namespaceSelector, or (neither given) is the owner's own; and
 * its labels match the labelSelector.
 */
export function termMatches(term: PodAffinityTerm, owner: Pod, target: Pod, namespaceLabels?: NamespaceLabels): boolean {
  const namespace = target.metadata.namespace ?? '';
  const listed = term.namespaces ?? [];
  let inNamespace: boolean;
  if (listed.length === 0 && !term.namespaceSelector) inNamespace = namespace === (owner.metadata.namespace ?? '');
  else inNamespace = listed.includes(namespace) || namespaceSelected(term, namespace, namespaceLabels);
  return inNamespace && labelSelectorMatcher(term.labelSelector)(target.metadata.labels);
}

/**
 * Everything about `pod` that decides which terms it matches and which pods its terms match: the key
 * under which per-node results are memoised (NodeInfo.memo). Namespace label changes are not part of
 * it; a node's memo is refreshed when its pods change.
 */
export function affinitySignature(pod: Pod, part: string): string {
  return `${part}\0${pod.metadata.namespace ?? ''}\0${JSON.stringify(pod.metadata.labels ?? {})}\0${JSON.stringify(pod.spec.affinity ?? {})}`;
}

function namespaceSelected(term: PodAffinityTerm, namespace: string, namespaceLabels?: NamespaceLabels): boolean {
  const selector = term.namespaceSelector;
  if (!selector) return false;
  if (isEmptySelector(selector)) return true;
  const labels = namespaceLabels?.(namespace);
  return labels !== undefined && selectorMatches(selector, labels);
}

/** Counts per topology pair (`key\0value`). */
export type TopologyCounts = Map<string, number>;

export function topologyPair(key: string, value: string): string {
  return `${key}\0${value}`;
}

export function increment(counts: TopologyCounts, key: string, labels: Record<string, string>, by = 1): void {
  const value = labels[key];
  if (value === undefined) return;
  const pair = topologyPair(key, value);
  counts.set(pair, (counts.get(pair) ?? 0) + by);
}
