import type { NodeInfo } from '../../framework/node-info';
import type { Snapshot } from '../../framework/snapshot';
import type { Pod } from '../../framework/types';
import { countMatchingPods, hasAllTopologyKeys, nodeCounts, SpreadConstraint } from './spread-constraint';

/** How many counts one snapshot keeps (one per selector, topology key and inclusion policy); the least recently used goes first. */
const MAX_COUNTS_PER_SNAPSHOT = 64;

/**
 * Matching pods per topology domain over every node that counts for one constraint (upstream's
 * preScore sums these per cycle, in parallel over the nodes). Kept across cycles and updated only for
 * the nodes that changed since (Snapshot.changedSince), so a cycle does not walk every node; without
 * a change list, or once too far behind, it counts every node again.
 */
export class DomainCounts {
  /** Topology value → matching pods in that domain (absent: 0). */
  readonly totals = new Map<string, number>();
  private readonly contributions = new Map<NodeInfo, { value: string; count: number }>();
  private cursor = -1;

  /**
   * `requiredKeys`: the constraints whose topology keys a node must all carry to count (the pod's own
   * constraints), or null (system defaults). `pod` gives the namespace and the node inclusion policies'
   * inputs; every value of it the counts read must be part of the key they are kept under (countsFor).
   */
  constructor(private readonly constraint: SpreadConstraint, private readonly requiredKeys: SpreadConstraint[] | null, private readonly pod: Pod) {}

  /** Brings the totals up to date with the snapshot. */
  update(snapshot: Snapshot): this {
    const changes = snapshot.changedSince?.(this.cursor);
    if (changes?.nodes) {
      for (const nodeInfo of changes.nodes) this.recount(nodeInfo);
    } else {
      this.totals.clear();
      this.contributions.clear();
      for (const nodeInfo of snapshot.nodeInfos()) this.recount(nodeInfo);
    }
    this.cursor = changes?.cursor ?? -1;
    return this;
  }

  private recount(nodeInfo: NodeInfo): void {
    const previous = this.contributions.get(nodeInfo);
    if (previous) {
      this.contributions.delete(nodeInfo);
      this.add(previous.value, -previous.count);
    }
    if (!nodeInfo.node) return;
    const labels = nodeInfo.labels;
    if (this.requiredKeys && !hasAllTopologyKeys(this.requiredKeys, labels)) return;
    const value = labels[this.constraint.topologyKey];
    if (value === undefined || !nodeCounts(this.constraint, this.pod, nodeInfo)) return;
    const count = countMatchingPods(this.constraint, this.pod, nodeInfo);
    this.contributions.set(nodeInfo, { value, count });
    this.add(value, count);
  }

  private add(value: string, count: number): void {
    const total = (this.totals.get(value) ?? 0) + count;
    if (total === 0) this.totals.delete(value);
    else this.totals.set(value, total);
  }
}

const countsBySnapshot = new WeakMap<Snapshot, Map<string, DomainCounts>>();

/**
 * The up-to-date DomainCounts of `constraint` for `pod`'s cycle on `snapshot`, kept under a key naming
 * everything they depend on: the selector and namespace (countKey), the topology key, the required
 * keys, and the pod's node selector, required node affinity and tolerations when the policies read them.
 */
export function countsFor(snapshot: Snapshot, constraint: SpreadConstraint, requiredKeys: SpreadConstraint[] | null, pod: Pod): DomainCounts {
  if (!snapshot.changedSince) return new DomainCounts(constraint, requiredKeys, pod).update(snapshot);
  const spec = pod.spec;
  const key = [
    constraint.countKey,
    constraint.topologyKey,
    requiredKeys ? `required\0${requiredKeys.map((c) => c.topologyKey).join('\0')}` : '',
    constraint.honorNodeAffinity ? JSON.stringify([spec.nodeSelector, spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution]) : '',
    constraint.honorNodeTaints ? JSON.stringify([spec.tolerations]) : '',
  ].join('\u0001');
  let bySnapshot = countsBySnapshot.get(snapshot);
  if (!bySnapshot) countsBySnapshot.set(snapshot, (bySnapshot = new Map()));
  let counts = bySnapshot.get(key);
  if (counts) bySnapshot.delete(key);
  else counts = new DomainCounts(constraint, requiredKeys, pod);
  bySnapshot.set(key, counts);
  if (bySnapshot.size > MAX_COUNTS_PER_SNAPSHOT) bySnapshot.delete(bySnapshot.keys().next().value!);
  return counts.update(snapshot);
}
