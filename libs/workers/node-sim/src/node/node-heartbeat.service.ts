import { kubeMicroTime, kubeTime } from '@drydock/kube';
import type { KubeClient } from '@drydock/client';
import { isAlreadyExists, resources } from '@drydock/client';
import type { Clock, KubeObject } from '@drydock/util';
import type { ApiLimiter } from '../kubelet/api-limiter';
import type { EventSink } from '../kubelet/event-sink';
import type { SimulatedNode } from '../kubelet/simulated-node';
import { KUBELET_ENDPOINT_ANNOTATION } from '../runtime/sim-annotations';
import { buildLease, buildNode, buildNodeStatus, nodeImages, nodeLabels } from './node-object.builder';

/** Upstream's defaults: lease renewal every 10 s (a quarter of the 40 s lease), node status report every 5 minutes. */
export const LEASE_RENEW_INTERVAL_MS = 10_000;
export const STATUS_REPORT_INTERVAL_MS = 300_000;

export interface HeartbeatDependencies {
  /** The client of a node's kubelet (`system:node:<name>`): its writes go through it. */
  kubelet: (node: string) => KubeClient;
  clock: Clock;
  limiter: ApiLimiter;
  events: EventSink;
  kubeletEndpoint: string;
  log: (message: string) => void;
  /** The cached Node (for condition transition times), if the informer has it. */
  cachedNode: (name: string) => KubeObject | undefined;
}


/**
 * Registers the simulated nodes and keeps them alive: the Node (created, or updated with this
 * process's labels and kubelet endpoint if it exists), its status, its Lease renewed every 10 s
 * (simulated; each node's first renewal is offset so the renewals spread over the interval) and a
 * status report when its images change or every 5 minutes. A powered-off node skips both; powering
 * on reports at once.
 */
export class NodeHeartbeats {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: HeartbeatDependencies) {}

  async register(node: SimulatedNode): Promise<void> {
    const { limiter } = this.deps;
    const client = this.deps.kubelet(node.name);
    const now = kubeTime(this.deps.clock.now());
    const desired = buildNode(node.definition, this.deps.kubeletEndpoint, now);
    let created: KubeObject;
    try {
      // A new Node keeps the status it is created with (as upstream's kubelet registers it): one call.
      created = await limiter.run(() => client.create(resources.nodes, '', desired));
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      const patch = { metadata: { labels: nodeLabels(node.definition), annotations: { [KUBELET_ENDPOINT_ANNOTATION]: this.deps.kubeletEndpoint } } };
      created = await limiter.run(() => client.patch(resources.nodes, '', node.name, patch, 'merge'));
      node.powered = created.metadata.annotations?.['sim.drydock.dev/power'] !== 'off';
      await limiter.run(() => client.patch(resources.nodes, '', node.name, { status: desired.status }, 'merge', { subresource: 'status' }));
    }
    node.uid = created.metadata.uid ?? '';
    this.recordStartEvents(node);
  }

  /** Creates the node's Lease (or renews it when it exists). Called after register(). */
  async ensureLease(node: SimulatedNode): Promise<void> {
    const { limiter } = this.deps;
    const client = this.deps.kubelet(node.name);
    try {
      await limiter.run(() => client.create(resources.leases, 'kube-node-lease', buildLease(node.name, node.uid, this.deps.clock.now())));
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      await this.renewLease(node);
    }
  }

  private recordStartEvents(node: SimulatedNode): void {
    const involved = { kind: 'Node' as const, apiVersion: 'v1' as const, name: node.name, uid: node.name };
    this.deps.events.record(node.name, involved, 'Normal', 'Starting', 'Starting kubelet.');
    for (const reason of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
      this.deps.events.record(node.name, involved, 'Normal', reason, `Node ${node.name} status is now: ${reason}`);
    }
    this.deps.events.record(node.name, involved, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.deps.events.record(node.name, involved, 'Normal', 'NodeReady', `Node ${node.name} status is now: NodeReady`);
  }

  renewLease(node: SimulatedNode): Promise<unknown> {
    const body = { spec: { holderIdentity: node.name, renewTime: kubeMicroTime(this.deps.clock.now()) } };
    return this.deps.limiter.run(() => this.deps.kubelet(node.name).patch(resources.leases, 'kube-node-lease', node.name, body, 'merge', { discardResult: true }), 'heartbeat');
  }

  /** Posts the conditions with a fresh heartbeat and the images; Ready's transition time moves only when it changes. */
  reportStatus(node: SimulatedNode): Promise<unknown> {
    const now = kubeTime(this.deps.clock.now());
    const cached = this.deps.cachedNode(node.name);
    const ready = ((cached?.status as { conditions?: Array<{ type: string; status: string; lastTransitionTime: string }> } | undefined)?.conditions ?? []).find((c) => c.type === 'Ready');
    const transition = ready?.status === 'True' ? ready.lastTransitionTime : now;
    const status = buildNodeStatus(node.definition, this.deps.kubeletEndpoint, now, transition);
    const body = { status: { conditions: status.conditions, images: nodeImages(node.images) } };
    return this.deps.limiter.run(() => this.deps.kubelet(node.name).patch(resources.nodes, '', node.name, body, 'merge', { subresource: 'status', discardResult: true }), 'heartbeat');
  }

  /**
   * Starts the node's 10 s tick (simulated), first fired at `position/count` of the interval so the
   * renewals of many nodes spread evenly: renew the Lease, then report status if the node's images
   * changed or the last report is 5 minutes old (upstream's nodeStatusUpdateFrequency and
   * nodeStatusReportFrequency with leases on).
   */
  start(node: SimulatedNode, position: number, count: number): void {
    const { clock } = this.deps;
    const offset = (LEASE_RENEW_INTERVAL_MS * position) / Math.max(1, count);
    let lastReport = Date.now();
    let reportedImages = node.imagesVersion;
    const tick = () => {
      if (!node.active) return;
      this.renewLease(node).catch((error) => this.deps.log(`node ${node.name}: lease: ${(error as Error).message}`));
      if (reportedImages === node.imagesVersion && clock.simulatedSince(lastReport) < STATUS_REPORT_INTERVAL_MS) return;
      lastReport = Date.now();
      reportedImages = node.imagesVersion;
      this.reportStatus(node).catch((error) => this.deps.log(`node ${node.name}: status: ${(error as Error).message}`));
    };
    this.timers.push(clock.setTimeout(() => {
      this.timers.push(clock.setInterval(tick, LEASE_RENEW_INTERVAL_MS));
      tick();
    }, offset));
  }

  /** Power came back: renew and report now rather than at the next tick. */
  async powerOn(node: SimulatedNode): Promise<void> {
    await Promise.all([this.renewLease(node), this.reportStatus(node)]);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }
}
