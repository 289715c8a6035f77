/** The node and pod fields the overview, the nodes table and the palette read, and how a pod is coloured. */

import type { ClusterChangesSubscription, NodeSummaryFragment, PodSummaryColumnsFragment, PodSummaryFragment, ResourcesFieldsFragment } from '../../lib/graphql-types.generated'; // relative: bench/ imports this file without the @/ alias

export type Resources = ResourcesFieldsFragment;
export type NodeSummary = NodeSummaryFragment;
export type PodSummary = PodSummaryFragment;
export type ObjectChange = ClusterChangesSubscription['objectChanges'][number];

export const RESOURCES_FIELDS = /* GraphQL */ `fragment ResourcesFields on Resources { cpu memory pods }`;
/** Flat fields only: the subscription's `node` and `pod` carry no nested lookups. Send with RESOURCES_FIELDS. */
export const NODE_FIELDS = /* GraphQL */ `fragment NodeSummary on Node {
  name status ready unschedulable poweredOff roles capacity { ...ResourcesFields } allocatable { ...ResourcesFields } internalIP kubeletVersion createdAt
}`;
/**
 * What a tile, a node's sums, the grid's filters and the live problems read of a pod, nothing more: the
 * overview loads it for every pod (10,000 pods: each field name costs ~100 kB on the wire and in the parse).
 */
export const POD_FIELDS = /* GraphQL */ `fragment PodSummary on Pod {
  namespace name phase status ready restarts nodeName labels createdAt requests { cpu memory }
}`;

/** Every pod's PodSummary fields as columns (one list per field): a tenth of the server's work and a third of the bytes of 10,000 objects. */
export const POD_COLUMNS_FIELDS = /* GraphQL */ `fragment PodSummaryColumns on PodColumns {
  count namespace name phase status ready restarts nodeName labelSet labelSets createdAt cpuRequests memoryRequests
}`;

export const CLUSTER_QUERY = /* GraphQL */ `query ClusterObjects { nodes { ...NodeSummary } podColumns { ...PodSummaryColumns } }
${NODE_FIELDS}
${POD_COLUMNS_FIELDS}
${RESOURCES_FIELDS}`;

/** The pods of a PodColumns answer as PodSummary objects (pods with the same labels share one labels object: read-only). */
export function podsFromColumns(columns: PodSummaryColumnsFragment): PodSummary[] {
  const pods: PodSummary[] = new Array(columns.count);
  for (let i = 0; i < columns.count; i++) {
    pods[i] = {
      namespace: columns.namespace[i],
      name: columns.name[i],
      phase: columns.phase[i],
      status: columns.status[i],
      ready: columns.ready[i],
      restarts: columns.restarts[i],
      nodeName: columns.nodeName[i],
      labels: columns.labelSets[columns.labelSet[i]],
      createdAt: columns.createdAt[i],
      requests: { cpu: columns.cpuRequests[i], memory: columns.memoryRequests[i] },
    };
  }
  return pods;
}
export const CLUSTER_CHANGES = /* GraphQL */ `subscription ClusterChanges {
  objectChanges(kinds: ["Pod", "Node"]) { type kind namespace name pod { ...PodSummary } node { ...NodeSummary } }
}
${NODE_FIELDS}
${POD_FIELDS}
${RESOURCES_FIELDS}`;

export const podKey = (pod: { namespace?: string | null; name: string }): string => `${pod.namespace ?? ''}/${pod.name}`;
export const podHref = (pod: { namespace?: string | null; name: string }): string => `/pods/${encodeURIComponent(pod.namespace ?? '')}/${encodeURIComponent(pod.name)}`;
export const nodeHref = (name: string): string => `/nodes/${encodeURIComponent(name)}`;

/** The API's failing reasons (pod presenter): the red tiles. */
const FAILING = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName', 'Error', 'OOMKilled', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError', 'ContainerCannotRun', 'DeadlineExceeded', 'Evicted', 'OutOfcpu', 'OutOfmemory', 'OutOfpods']);

export type PodTone = 'running' | 'notready' | 'pending' | 'terminating' | 'failing' | 'completed' | 'unknown';

export function podTone(pod: Pick<PodSummary, 'phase' | 'status' | 'ready'>): PodTone {
  const reason = pod.status.startsWith('Init:') ? pod.status.slice(5) : pod.status;
  if (pod.phase === 'Failed' || FAILING.has(reason) || reason.startsWith('ExitCode:') || reason.startsWith('Signal:')) return 'failing';
  if (pod.status === 'Terminating') return 'terminating';
  if (pod.phase === 'Succeeded' || pod.status === 'Completed') return 'completed';
  if (pod.status === 'Unknown' || pod.phase === 'Unknown') return 'unknown';
  if (pod.phase === 'Pending') return 'pending';
  const [ready, total] = pod.ready.split('/').map(Number);
  return pod.status === 'Running' && ready === total ? 'running' : 'notready';
}

/** Tile colours; the legend reads the same table. */
export const POD_TONES: Record<PodTone, { label: string; tile: string }> = {
  running: { label: 'Running', tile: 'bg-emerald-500 dark:bg-emerald-500' },
  notready: { label: 'Not ready', tile: 'bg-amber-400 dark:bg-amber-500' },
  pending: { label: 'Pending / creating', tile: 'bg-sky-400 dark:bg-sky-500' },
  terminating: { label: 'Terminating', tile: 'bg-slate-400 dark:bg-slate-500 opacity-60' },
  failing: { label: 'Failing', tile: 'bg-red-600 dark:bg-red-500' },
  completed: { label: 'Completed', tile: 'bg-slate-300 dark:bg-slate-600' },
  unknown: { label: 'Unknown', tile: 'bg-fuchsia-500 dark:bg-fuchsia-500' },
};

export const isProblemPod = (pod: PodSummary): boolean => {
  const tone = podTone(pod);
  return tone === 'failing' || tone === 'unknown' || tone === 'notready' || (tone === 'pending' && !pod.nodeName);
};

export const isTerminalPod = (pod: PodSummary): boolean => pod.phase === 'Succeeded' || pod.phase === 'Failed';

/** What a node's card shows as its state, most serious first. */
export type NodeState = 'poweredOff' | 'notReady' | 'cordoned' | 'ready';

export function nodeState(node: NodeSummary): NodeState {
  if (node.poweredOff) return 'poweredOff';
  if (node.ready !== 'True') return 'notReady';
  if (node.unschedulable) return 'cordoned';
  return 'ready';
}

export function nodeStatusText(node: NodeSummary): string {
  return node.poweredOff ? `${node.status} · powered off` : node.status;
}

/** One collator for every comparison: `localeCompare` with options builds one per call (0.08 s for 1,000 node names under load). */
const naturalCollator = new Intl.Collator(undefined, { numeric: true });

/** Natural order: node-2 before node-10. */
export const byNaturalName = (a: string, b: string): number => naturalCollator.compare(a, b);
