import { kubeTime } from '@drydock/kube';

/*
 * The namespace status conditions upstream's namespace deleter keeps while a namespace terminates
 * (pkg/controller/namespace/deletion/status_condition_utils.go), with its reasons and messages.
 */

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** What one pass over a terminating namespace found. */
export interface ContentTotals {
  /** `resource.group` → instances still there. */
  remaining: Map<string, number>;
  /** finalizer → instances still carrying it. */
  finalizers: Map<string, number>;
  /** Errors deleting content (messages). */
  deleteErrors: string[];
}

const conditionTypes = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
];

const ok: Record<string, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
};

/** The failing conditions of one pass (upstream's ProcessContentTotals and makeDeleteContentCondition). */
function failures(totals: ContentTotals): Map<string, { reason: string; message: string }> {
  const found = new Map<string, { reason: string; message: string }>();
  const counted = (counts: Map<string, number>, format: (key: string, n: number) => string) =>
    [...counts].filter(([, n]) => n > 0).map(([key, n]) => format(key, n)).sort();
  const resources = counted(totals.remaining, (resource, n) => `${resource} has ${n} resource instances`);
  if (resources.length) found.set('NamespaceContentRemaining', { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${resources.join(', ')}` });
  const finalizers = counted(totals.finalizers, (finalizer, n) => `${finalizer} in ${n} resource instances`);
  if (finalizers.length) {
    found.set('NamespaceFinalizersRemaining', { reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}` });
  }
  if (totals.deleteErrors.length) {
    const messages = [...totals.deleteErrors].sort();
    found.set('NamespaceDeletionContentFailure', { reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${messages.length} remaining: ${messages.join(', ')}` });
  }
  return found;
}

/**
 * Upstream's updateConditions: every maintained type is set, to its failure or to its "ok" variant;
 * lastTransitionTime moves only when the status flips. Returns undefined when nothing changed.
 */
export function namespaceDeletionConditions(current: NamespaceCondition[], totals: ContentTotals, now = new Date()): NamespaceCondition[] | undefined {
  const next = current.map((condition) => ({ ...condition }));
  const failing = failures(totals);
  let changed = false;
  for (const type of conditionTypes) {
    const failure = failing.get(type);
    const wanted = { type, status: failure ? 'True' : 'False', ...(failure ?? ok[type]) } as const;
    const old = next.find((condition) => condition.type === type);
    if (!old) {
      next.push({ type, status: wanted.status, lastTransitionTime: kubeTime(now), reason: wanted.reason, message: wanted.message });
      changed = true;
    } else if (old.status !== wanted.status || old.reason !== wanted.reason || old.message !== wanted.message) {
      if (old.status !== wanted.status) old.lastTransitionTime = kubeTime(now);
      Object.assign(old, { status: wanted.status, reason: wanted.reason, message: wanted.message });
      changed = true;
    }
  }
  return changed ? next : undefined;
}
