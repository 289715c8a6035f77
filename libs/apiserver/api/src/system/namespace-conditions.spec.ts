import { ContentTotals, namespaceDeletionConditions } from './namespace-conditions';

const totals = (remaining: [string, number][] = [], finalizers: [string, number][] = [], deleteErrors: string[] = []): ContentTotals =>
  ({ remaining: new Map(remaining), finalizers: new Map(finalizers), deleteErrors });
const byType = (conditions: { type: string }[] | undefined) => Object.fromEntries((conditions ?? []).map((c) => [c.type, c]));

describe('namespaceDeletionConditions (upstream status_condition_utils)', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const t1 = new Date('2026-01-01T00:01:00Z');

  it('sets every maintained type, failing ones with upstream messages sorted', () => {
    const conditions = byType(namespaceDeletionConditions([], totals([['pods.', 2], ['configmaps.', 1]], [['kubernetes.io/pvc-protection', 1], ['a.io/x', 3]]), t0));
    expect(conditions.NamespaceContentRemaining).toEqual({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps. has 1 resource instances, pods. has 2 resource instances' });
    expect(conditions.NamespaceFinalizersRemaining).toMatchObject({ status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: a.io/x in 3 resource instances, kubernetes.io/pvc-protection in 1 resource instances' });
    expect(conditions.NamespaceDeletionContentFailure).toMatchObject({ status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' });
    expect(conditions.NamespaceDeletionDiscoveryFailure).toMatchObject({ status: 'False', reason: 'ResourcesDiscovered' });
    expect(conditions.NamespaceDeletionGroupVersionParsingFailure).toMatchObject({ status: 'False', reason: 'ParsedGroupVersions' });
  });

  it('reports delete errors as ContentDeletionFailed', () => {
    const conditions = byType(namespaceDeletionConditions([], totals([], [], ['b failed', 'a failed']), t0));
    expect(conditions.NamespaceDeletionContentFailure).toMatchObject({ status: 'True', reason: 'ContentDeletionFailed', message: 'Failed to delete all resource types, 2 remaining: a failed, b failed' });
  });

  it('moves lastTransitionTime only when the status flips, and reports no change when nothing changed', () => {
    const first = namespaceDeletionConditions([], totals([['pods.', 2]]), t0)!;
    expect(namespaceDeletionConditions(first, totals([['pods.', 2]]), t1)).toBeUndefined();
    const fewer = byType(namespaceDeletionConditions(first, totals([['pods.', 1]]), t1));
    expect(fewer.NamespaceContentRemaining).toMatchObject({ lastTransitionTime: '2026-01-01T00:00:00Z', message: 'Some resources are remaining: pods. has 1 resource instances' });
    const done = byType(namespaceDeletionConditions(first, totals(), t1));
    expect(done.NamespaceContentRemaining).toMatchObject({ status: 'False', lastTransitionTime: '2026-01-01T00:01:00Z', reason: 'ContentRemoved', message: 'All content successfully removed' });
    expect(done.NamespaceFinalizersRemaining).toMatchObject({ status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' });
  });
});
