import type { KubeObject } from '@drydock/util';
import { arr, condition, spec, status, str } from './kube-fields';

export const POWER_ANNOTATION = 'sim.drydock.dev/power';

/** kubectl's STATUS column for a node: Ready / NotReady (condition False or Unknown) / Unknown (no condition), then SchedulingDisabled. */
export function nodeStatusColumn(node: KubeObject): string {
  const ready = condition(node, 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (spec(node).unschedulable === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

export const nodeReady = (node: KubeObject): string => condition(node, 'Ready')?.status ?? 'Unknown';

/** Roles from `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`, as kubectl's ROLES column. */
export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/') && key.length > 'node-role.kubernetes.io/'.length) roles.add(key.slice('node-role.kubernetes.io/'.length));
    else if (key === 'kubernetes.io/role' && value) roles.add(value);
  }
  return [...roles].sort();
}

export function nodeTaints(node: KubeObject): { key: string; value?: string; effect: string }[] {
  return arr(spec(node).taints).map((t) => ({ key: str(t.key) ?? '', value: str(t.value), effect: str(t.effect) ?? '' }));
}

export const nodeInternalIP = (node: KubeObject): string | undefined => str(arr(status(node).addresses).find((a) => a.type === 'InternalIP')?.address);

export const nodePoweredOff = (node: KubeObject): boolean => node.metadata.annotations?.[POWER_ANNOTATION] === 'off';
