import { NodeInfo, newPodInfo, PodInfo, podKey } from '../framework/node-info';
import type { Snapshot } from '../framework/snapshot';
import type { Node, Pod } from '../framework/types';

interface PodState {
  info: PodInfo;
  nodeName: string;
  /** Placed by this scheduler and not yet confirmed by the informer (upstream's assumed pod). */
  assumed: boolean;
}

/**
 * The scheduler's view of nodes and the pods on them (upstream's internal cache): bound pods from the
 * informer plus pods this scheduler has assumed onto a node while their binding is in flight, so the
 * next cycle already counts them. Also serves as the Snapshot: scheduling cycles are synchronous, so
 * they read the live NodeInfos; the node list and affinity lists are rebuilt only when they change.
 */
export class SchedulerCache implements Snapshot {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly podStates = new Map<string, PodState>();
  private nodeList: NodeInfo[] | null = null;
  private affinityList: NodeInfo[] | null = null;
  private antiAffinityList: NodeInfo[] | null = null;
  /** Nodes in the order they changed; changes[i] is change number changesBase + i + 1 (see changedSince). */
  private changes: NodeInfo[] = [];
  private changesBase = 0;

  /** `changesKept`: the fewest changes kept for changedSince (tests make it small to reach the recount). */
  constructor(private readonly changesKept = 4096) {}

  addOrUpdateNode(node: Node): void {
    const name = node.metadata.name!;
    const info = this.nodeInfo(name);
    if (!info.node) this.nodeList = null;
    info.setNode(node);
    this.changed(info);
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info) return;
    info.node = null;
    this.changed(info);
    if (info.pods.size === 0) this.nodes.delete(name);
    this.invalidate();
  }

  /** Places the pod on `nodeName` ahead of its binding. */
  assumePod(info: PodInfo, nodeName: string): void {
    this.place(info, nodeName, true);
  }

  /** Undoes assumePod after a failed binding; a no-op once the informer confirmed the pod. */
  forgetPod(key: string): void {
    const state = this.podStates.get(key);
    if (state?.assumed) this.removePod(key);
  }

  isAssumed(key: string): boolean {
    return this.podStates.get(key)?.assumed ?? false;
  }

  /** A bound pod as the informer reports it (added or updated); confirms an assumed pod. */
  addOrUpdatePod(pod: Pod): void {
    const key = podKey(pod);
    const state = this.podStates.get(key);
    if (state && !state.assumed && state.info.pod === pod) return;
    this.place(newPodInfo(pod), pod.spec.nodeName!, false);
  }

  removePod(key: string): void {
    const state = this.podStates.get(key);
    if (!state) return;
    this.podStates.delete(key);
    const info = this.nodes.get(state.nodeName);
    if (!info) return;
    if (info.removePod(key)) this.changed(info);
    if (state.info.hasAffinity) this.invalidateAffinityLists();
    if (!info.node && info.pods.size === 0) this.nodes.delete(state.nodeName);
  }

  get podCount(): number {
    return this.podStates.size;
  }

  // Snapshot

  changedSince(cursor: number): { nodes: readonly NodeInfo[] | null; cursor: number } {
    const end = this.changesBase + this.changes.length;
    if (cursor < this.changesBase || cursor > end) return { nodes: null, cursor: end };
    return { nodes: this.changes.slice(cursor - this.changesBase), cursor: end };
  }

  nodeInfos(): NodeInfo[] {
    if (!this.nodeList) this.nodeList = [...this.nodes.values()].filter((info) => info.node !== null);
    return this.nodeList;
  }

  get(name: string): NodeInfo | undefined {
    const info = this.nodes.get(name);
    return info?.node ? info : undefined;
  }

  havePodsWithAffinity(): NodeInfo[] {
    if (!this.affinityList) this.affinityList = this.nodeInfos().filter((info) => info.podsWithAffinity > 0);
    return this.affinityList;
  }

  havePodsWithRequiredAntiAffinity(): NodeInfo[] {
    if (!this.antiAffinityList) this.antiAffinityList = this.nodeInfos().filter((info) => info.podsWithRequiredAntiAffinity > 0);
    return this.antiAffinityList;
  }

  private place(info: PodInfo, nodeName: string, assumed: boolean): void {
    const previous = this.podStates.get(info.key);
    if (previous && previous.nodeName !== nodeName) this.removePod(info.key);
    this.podStates.set(info.key, { info, nodeName, assumed });
    const node = this.nodeInfo(nodeName);
    node.addPod(info);
    this.changed(node);
    if (info.hasAffinity || previous?.info.hasAffinity) this.invalidateAffinityLists();
  }

  /**
   * Records a changed node for changedSince. The oldest half is dropped once the list holds more than
   * four changes per node (and more than changesKept): a reader that far behind counts every node again.
   */
  private changed(info: NodeInfo): void {
    this.changes.push(info);
    if (this.changes.length > Math.max(this.changesKept, 4 * this.nodes.size)) {
      const drop = this.changes.length >> 1;
      this.changes = this.changes.slice(drop);
      this.changesBase += drop;
    }
  }

  private nodeInfo(name: string): NodeInfo {
    let info = this.nodes.get(name);
    if (!info) this.nodes.set(name, (info = new NodeInfo(name)));
    return info;
  }

  private invalidate(): void {
    this.nodeList = null;
    this.invalidateAffinityLists();
  }

  private invalidateAffinityLists(): void {
    this.affinityList = null;
    this.antiAffinityList = null;
  }
}
