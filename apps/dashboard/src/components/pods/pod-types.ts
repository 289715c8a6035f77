import type { ObjectRefFieldsFragment, PodChangesSubscription, PodRowFragment } from '@/lib/graphql-types.generated';

/** The pod fields the lists show; the same selection is asked of subscriptions (flat fields only there). */
export const POD_ROW_FIELDS = /* GraphQL */ `fragment PodRow on Pod { namespace name uid phase status ready restarts nodeName createdAt deletionTimestamp labels }`;
export const OBJECT_REF_FIELDS = /* GraphQL */ `fragment ObjectRefFields on ObjectRef { apiVersion kind namespace name uid }`;

export type PodRow = PodRowFragment;
export type { Resources } from '@/components/overview/cluster-model';
export type ObjectRef = ObjectRefFieldsFragment;
export type PodObjectChange = PodChangesSubscription['objectChanges'][number];

export function podHref(namespace: string, name: string, tab?: string): string {
  return `/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}${tab ? `?tab=${tab}` : ''}`;
}

export function podKey(p: { namespace?: string | null; name: string }): string {
  return `${p.namespace ?? ''}/${p.name}`;
}

/** Cores as people write them: 0.25 → "250m", 4 → "4". */
export function formatCpu(cores: number): string {
  if (!cores) return '0';
  return cores < 1 ? `${Math.round(cores * 1000)}m` : `${+cores.toFixed(2)}`;
}

/** Bytes in binary units: 134217728 → "128Mi". */
export function formatMemory(bytes: number): string {
  if (!bytes) return '0';
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${+value.toFixed(value < 10 ? 1 : 0)}${units[unit]}`;
}
