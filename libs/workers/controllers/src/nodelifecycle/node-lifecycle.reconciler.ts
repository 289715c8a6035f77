import { kubeTime } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';
import { Informer, isConflict, isNotFound, resources } from '@drydock/client';
import { ControllerContext, EventSink, QueueReconciler } from '../controller-context';
import type { Condition, Node, Pod, Taint } from '../util/workload.types';
import { evictionDelay, readyCondition, reconcileTaints, TAINT_NOT_READY, TAINT_UNREACHABLE } from './node-taints';

/** Upstream defaults, in simulated ms: --node-monitor-period 5 s, --node-monitor-grace-period 40 s. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
const NODE_LEASE_NAMESPACE = 'kube-node-lease';
const NODE_NAME_INDEX = 'nodeName';
const CONDITIONS_TO_UNKNOWN = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

interface Lease extends KubeObject {
  spec?: { renewTime?: string; holderIdentity?: string };
}

/** When this controller last saw a node's kubelet alive (local real ms), and what it saw. */
interface NodeHealth {
  probeMs: number;
  renewTime?: string;
  heartbeat?: string;
}

/**
 * pkg/controller/nodelifecycle plus the taint-eviction controller: a node whose Lease and status stop
 * being renewed for the grace period gets Ready=Unknown; the Ready status maps to the not-ready /
 * unreachable NoSchedule+NoExecute taints; pods on a NoExecute-tainted node are deleted once their
 * toleration runs out (300 s by default). The queue key is a node name; a ticker revisits every node.
 */
export class NodeLifecycleReconciler extends QueueReconciler {
  private readonly nodes: Informer<Node>;
  private readonly leases: Informer<Lease>;
  private readonly pods: Informer<Pod>;
  private readonly health = new Map<string, NodeHealth>();
  private ticker?: NodeJS.Timeout;
  /** TaintManagerEviction events come from the taint-eviction controller, as upstream. */
  private readonly evictionEvents: EventSink;

  constructor(ctx: ControllerContext, private readonly gracePeriodMs = NODE_MONITOR_GRACE_PERIOD_MS) {
    super('node-controller', ctx);
    this.evictionEvents = ctx.eventsFor('taint-eviction-controller');
    this.nodes = ctx.informers.informerFor<Node>(resources.nodes);
    this.leases = ctx.informers.informerFor<Lease>(resources.leases);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods, { indexers: { [NODE_NAME_INDEX]: (pod) => (pod.spec?.nodeName ? [pod.spec.nodeName] : []) } });
    this.nodes.addEventHandler({ onAdd: (node) => this.enqueue(node), onUpdate: (_old, node) => this.enqueue(node), onDelete: (node) => this.health.delete(node.metadata.name!) });
    this.leases.addEventHandler({ onAdd: (lease) => this.leaseChanged(lease), onUpdate: (_old, lease) => this.leaseChanged(lease) });
  }

  private leaseChanged(lease: Lease): void {
    if (lease.metadata.namespace === NODE_LEASE_NAMESPACE) this.queue.add(lease.metadata.name!);
  }

  override run(workers: number): Promise<void> {
    this.ticker = this.ctx.clock.setInterval(() => { for (const node of this.nodes.list()) this.enqueue(node); }, NODE_MONITOR_PERIOD_MS);
    return super.run(workers);
  }

  override stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    super.stop();
  }

  async sync(name: string): Promise<void> {
    const cached = this.nodes.get('', name);
    if (!cached) return;
    let node = await this.monitorHealth(cached);
    node = await this.syncTaints(node);
    await this.evictPods(node);
  }

  /** tryUpdateNodeHealth: probe time moves when the Lease renewTime or Ready heartbeat changes. */
  private observe(node: Node): NodeHealth {
    const lease = this.leases.get(NODE_LEASE_NAMESPACE, node.metadata.name!);
    const renewTime = lease?.spec?.renewTime;
    const heartbeat = readyCondition(node)?.lastHeartbeatTime;
    const previous = this.health.get(node.metadata.name!);
    const current = !previous || previous.renewTime !== renewTime || previous.heartbeat !== heartbeat ? { probeMs: Date.now(), renewTime, heartbeat } : previous;
    this.health.set(node.metadata.name!, current);
    return current;
  }

  private async monitorHealth(node: Node): Promise<Node> {
    const health = this.observe(node);
    const silentMs = this.ctx.clock.simulatedSince(health.probeMs);
    if (silentMs <= this.gracePeriodMs) return node;
    const ready = readyCondition(node);
    if (ready?.status === 'Unknown') return node;
    const conditions = unknownConditions(node, this.ctx.clock.now());
    const updated = await this.ctx.client.update<Node>(resources.nodes, { ...node, status: { ...(node.status ?? {}), conditions } }, { subresource: 'status' });
    this.events.event(typedNode(node), 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
    await this.markPodsNotReady(node.metadata.name!);
    return updated;
  }

  /** MarkPodsNotReady: pods of an unreachable node report Ready=False. */
  private async markPodsNotReady(nodeName: string): Promise<void> {
    const now = kubeTime(this.ctx.clock.now());
    for (const pod of this.pods.byIndex(NODE_NAME_INDEX, nodeName)) {
      const conditions = pod.status?.conditions ?? [];
      if (!conditions.some((c) => c.type === 'Ready' && c.status !== 'False')) continue;
      const next = conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const, lastTransitionTime: now } : c));
      try {
        await this.ctx.client.patch(resources.pods, pod.metadata.namespace!, pod.metadata.name!, { status: { conditions: next } }, 'strategic', { subresource: 'status' });
      } catch (error) {
        if (!isNotFound(error)) this.ctx.log(`marking pod ${pod.metadata.name} not ready failed: ${(error as Error).message}`);
      }
    }
  }

  /** The managed taints follow the conditions and spec.unschedulable (doNoScheduleTaintingPass, doNoExecuteTaintingPass). */
  private async syncTaints(node: Node): Promise<Node> {
    const taints = reconcileTaints(node, this.ctx.clock.now());
    if (!taints) return node;
    const wasUnready = (node.spec?.taints ?? []).some((t) => t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE));
    if (wasUnready && readyCondition(node)?.status === 'True') this.events.event(typedNode(node), 'Normal', 'NodeReady', `Node ${node.metadata.name} status is now: NodeReady`);
    return this.ctx.client.update<Node>(resources.nodes, { ...node, spec: { ...(node.spec ?? {}), taints: taints.length ? taints : undefined } });
  }

  /** The taint manager: delete pods whose NoExecute toleration ran out; come back when the next one will. */
  private async evictPods(node: Node): Promise<void> {
    const taints: Taint[] = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) return;
    let nextMs = Infinity;
    for (const pod of this.pods.byIndex(NODE_NAME_INDEX, node.metadata.name!)) {
      if (pod.metadata.deletionTimestamp) continue;
      const { seconds, sinceMs } = evictionDelay(pod, taints);
      if (seconds === Infinity) continue;
      const remaining = seconds * 1000 - this.ctx.clock.simulatedSince(sinceMs);
      if (remaining > 0) nextMs = Math.min(nextMs, remaining);
      else await this.evict(pod);
    }
    if (nextMs !== Infinity) this.queue.addAfter(node.metadata.name!, nextMs + 1);
  }

  private async evict(pod: Pod): Promise<void> {
    this.evictionEvents.event({ ...pod, apiVersion: 'v1', kind: 'Pod' }, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`);
    try {
      await this.ctx.client.delete(resources.pods, pod.metadata.namespace!, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) throw error;
    }
  }
}

/** The node's conditions with Ready (and the pressure conditions) set to Unknown, as tryUpdateNodeHealth writes them. */
export function unknownConditions(node: Node, now: Date): Condition[] {
  const time = kubeTime(now);
  const existing = node.status?.conditions ?? [];
  const conditions = existing.map((c) => (CONDITIONS_TO_UNKNOWN.includes(c.type) && c.status !== 'Unknown'
    ? { ...c, status: 'Unknown' as const, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: time }
    : c));
  if (!existing.some((c) => c.type === 'Ready')) {
    conditions.push({ type: 'Ready', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: time });
  }
  return conditions;
}

function typedNode(node: Node): KubeObject {
  return { ...node, apiVersion: 'v1', kind: 'Node' };
}
