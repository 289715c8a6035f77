import { byNaturalName, isTerminalPod, podKey, type NodeSummary, type ObjectChange, type PodSummary } from './cluster-model';

/** One node as the grid draws it. A new object only when something on the node changed, so memoised cards skip the rest. */
export interface NodeView {
  name: string;
  /** Undefined while pods name a node the dashboard has not seen (yet). */
  node?: NodeSummary;
  /** The node's pods in a stable order. */
  pods: PodSummary[];
  /** Sum of the requests of the node's non-terminal pods (computed here, so it follows every batch). */
  requested: { cpu: number; memory: number };
  /** Non-terminal pods: what counts against the node's pod capacity. */
  active: number;
  version: number;
}

/** The bucket of pods without a node: the Pending strip. */
export const UNSCHEDULED = '';

/**
 * The cluster's nodes and pods, kept up to date from `objectChanges` batches. Mutable on purpose: a
 * batch touches a handful of nodes out of a thousand, so it marks those dirty and `view` rebuilds only
 * them. Callers bump a React state counter once per batch to render.
 */
export class ClusterStore {
  private readonly nodes = new Map<string, NodeSummary>();
  private readonly pods = new Map<string, PodSummary>();
  private readonly podsByNode = new Map<string, Set<string>>();
  private readonly views = new Map<string, NodeView>();
  private readonly dirty = new Set<string>();
  private order?: string[];
  private version = 0;

  load(nodes: NodeSummary[], pods: PodSummary[]): void {
    this.nodes.clear();
    this.pods.clear();
    this.podsByNode.clear();
    this.views.clear();
    this.dirty.clear();
    this.order = undefined;
    for (const node of nodes) this.nodes.set(node.name, node);
    for (const pod of pods) this.putPod(pod);
  }

  /** Applies a whole batch; returns whether anything changed. */
  apply(changes: ObjectChange[]): boolean {
    let changed = false;
    for (const change of changes) {
      if (change.kind === 'Node') changed = this.applyNode(change) || changed;
      else if (change.kind === 'Pod') changed = this.applyPod(change) || changed;
    }
    return changed;
  }

  /** Node names in natural order, including names only pods have mentioned so far. */
  nodeNames(): string[] {
    if (!this.order) {
      const names = new Set(this.nodes.keys());
      for (const [name, keys] of this.podsByNode) if (name !== UNSCHEDULED && keys.size > 0) names.add(name);
      this.order = [...names].sort(byNaturalName);
    }
    return this.order;
  }

  view(name: string): NodeView {
    let view = this.views.get(name);
    if (!view || this.dirty.has(name)) {
      const keys = [...(this.podsByNode.get(name) ?? [])].sort();
      const pods = keys.map((key) => this.pods.get(key)!);
      const requested = { cpu: 0, memory: 0 };
      let active = 0;
      for (const pod of pods) {
        if (isTerminalPod(pod)) continue;
        active++;
        requested.cpu += pod.requests.cpu;
        requested.memory += pod.requests.memory;
      }
      view = { name, node: this.nodes.get(name), pods, requested, active, version: ++this.version };
      this.views.set(name, view);
      this.dirty.delete(name);
    }
    return view;
  }

  node(name: string): NodeSummary | undefined {
    return this.nodes.get(name);
  }

  get nodeCount(): number {
    return this.nodes.size;
  }

  get podCount(): number {
    return this.pods.size;
  }

  hasPod(namespace: string, name: string): boolean {
    return this.pods.has(`${namespace}/${name}`);
  }

  allPods(): IterableIterator<PodSummary> {
    return this.pods.values();
  }

  private applyNode(change: ObjectChange): boolean {
    const known = this.nodes.has(change.name);
    if (change.type === 'DELETED') {
      if (!known) return false;
      this.nodes.delete(change.name);
      this.order = undefined;
    } else if (change.node) {
      this.nodes.set(change.name, change.node);
      if (!known) this.order = undefined;
    } else return false;
    this.dirty.add(change.name);
    return true;
  }

  private applyPod(change: ObjectChange): boolean {
    const key = podKey(change);
    const previous = this.pods.get(key);
    if (previous) this.removePod(key, previous);
    if (change.type === 'DELETED' || !change.pod) return previous !== undefined;
    this.putPod(change.pod);
    return true;
  }

  private putPod(pod: PodSummary): void {
    const key = podKey(pod);
    const bucketName = pod.nodeName ?? UNSCHEDULED;
    this.pods.set(key, pod);
    let bucket = this.podsByNode.get(bucketName);
    if (!bucket) {
      bucket = new Set();
      this.podsByNode.set(bucketName, bucket);
    }
    if (bucket.size === 0 && !this.nodes.has(bucketName)) this.order = undefined;
    bucket.add(key);
    this.dirty.add(bucketName);
  }

  private removePod(key: string, pod: PodSummary): void {
    const bucketName = pod.nodeName ?? UNSCHEDULED;
    const bucket = this.podsByNode.get(bucketName);
    this.pods.delete(key);
    if (!bucket) return;
    bucket.delete(key);
    if (bucket.size === 0 && !this.nodes.has(bucketName)) this.order = undefined;
    this.dirty.add(bucketName);
  }
}
