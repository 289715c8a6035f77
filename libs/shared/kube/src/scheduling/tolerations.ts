import type { Taint, Toleration } from 'kubernetes-types/core/v1';

/**
 * v1.Toleration.ToleratesTaint: the effect (when set) and the key (when set) must match; operator
 * Exists tolerates any value, Equal (the default) only the taint's own value; any other operator
 * tolerates nothing.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** v1helper.TolerationsTolerateTaint: some toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((toleration) => toleratesTaint(toleration, taint));
}

/** v1helper.FindMatchingUntoleratedTaint: the first taint, among those `include` selects, that no toleration tolerates. */
export function findMatchingUntoleratedTaint<T extends Taint>(taints: readonly T[] | undefined, tolerations: readonly Toleration[] | undefined, include: (taint: T) => boolean = () => true): T | undefined {
  return (taints ?? []).find((taint) => include(taint) && !tolerationsTolerateTaint(tolerations, taint));
}

/** v1helper.GetMatchingTolerations: whether every taint is tolerated, and the tolerations that match some taint. */
export function getMatchingTolerations(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined): { tolerated: boolean; matching: Toleration[] } {
  const matching: Toleration[] = [];
  for (const taint of taints ?? []) {
    const found = (tolerations ?? []).filter((toleration) => toleratesTaint(toleration, taint));
    if (found.length === 0) return { tolerated: false, matching: [] };
    matching.push(...found);
  }
  return { tolerated: true, matching };
}
