/** Where an object lives in the dashboard (the agreed URL scheme), or undefined when it has no page. */
export interface ObjectRefLike {
  kind?: string | null;
  namespace?: string | null;
  name?: string | null;
}

export const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] as const;

export function objectHref(ref: ObjectRefLike): string | undefined {
  const { kind, namespace, name } = ref;
  if (!kind || !name) return undefined;
  const enc = encodeURIComponent;
  if (kind === 'Pod' && namespace) return `/pods/${enc(namespace)}/${enc(name)}`;
  if (kind === 'Node') return `/nodes/${enc(name)}`;
  if ((WORKLOAD_KINDS as readonly string[]).includes(kind) && namespace) return `/workloads/${kind}/${enc(namespace)}/${enc(name)}`;
  return undefined;
}
