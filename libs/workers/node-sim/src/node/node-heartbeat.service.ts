import type { KubeClient } from '@drydock/client';
import { isAlreadyExists, resources } from '@drydock/client';
import type { Clock, KubeObject } from '@drydock/util';
import type { ApiLimiter } from '../kubelet/api-limiter';
import type { EventSink } from '../kubelet/event-sink';
import type { SimulatedNode } from '../kubelet/simulated-node';
import { KUBELET_ENDPOINT_ANNOTATION } from '../runtime/sim-annotations';
import { buildLease, buildNode, buildNodeStatus, microTime, nodeLabels } from './node-object.builder';

/** Upstream's defaults: lease renewal every 10 s (a quarter of the 40 s lease), node status report every minute. */
export const LEASE_RENEW_INTERVAL_MS = 10_000;
export const STATUS_REPORT_INTERVAL_MS = 60_000;

export interface HeartbeatDependencies {
  client: KubeClient;
  clock: Clock;
  limiter: ApiLimiter;
  events: EventSink;
  kubeletEndpoint: string;
  log: (message: string) => void;
  /** The cached Node (for condition transition times), if the informer has it. */
  cachedNode: (name: string) => KubeObject | undefined;
}

const kubeTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Registers the simulated nodes and keeps them alive: the Node (created, or updated with this
 * process's labels and kubelet endpoint if it exists), its status, its Lease renewed every 10 s
 * (simulated; each node's first renewal is offset so the renewals spread over the interval) and a
 * status heartbeat every minute. A powered-off node skips both; powering on reports at once.
 */
export class NodeHeartbeats {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: HeartbeatDependencies) {}

  async register(node: SimulatedNode): Promise<void> {
    const { client, limiter } = this.deps;
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
    await this.ensureLease(node);
    this.recordStartEvents(node);
  }

  private async ensureLease(node: SimulatedNode): Promise<void> {
    const { client, limiter } = this.deps;
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
    const body = { spec: { holderIdentity: node.name, renewTime: microTime(this.deps.clock.now()) } };
    return this.deps.limiter.run(() => this.deps.client.patch(resources.leases, 'kube-node-lease', node.name, body, 'merge'));
  }

  /** Posts the conditions with a fresh heartbeat; Ready's transition time moves only when it changes. */
  reportStatus(node: SimulatedNode): Promise<unknown> {
    const now = kubeTime(this.deps.clock.now());
    const cached = this.deps.cachedNode(node.name);
    const ready = ((cached?.status as { conditions?: Array<{ type: string; status: string; lastTransitionTime: string }> } | undefined)?.conditions ?? []).find((c) => c.type === 'Ready');
    const transition = ready?.status === 'True' ? ready.lastTransitionTime : now;
    const status = buildNodeStatus(node.definition, this.deps.kubeletEndpoint, now, transition);
    return this.deps.limiter.run(() => this.deps.client.patch(resources.nodes, '', node.name, { status: { conditions: status.conditions } }, 'merge', { subresource: 'status' }));
  }

  /** Starts the periodic loops; `position`/`count` spread this node's first renewal over the interval. */
  start(node: SimulatedNode, position: number, count: number): void {
    const { clock } = this.deps;
    const offset = (LEASE_RENEW_INTERVAL_MS * position) / Math.max(1, count);
    const guarded = (what: string, action: () => Promise<unknown>) => () => {
      if (node.powered) action().catch((error) => this.deps.log(`node ${node.name}: ${what}: ${(error as Error).message}`));
    };
    this.timers.push(clock.setTimeout(() => {
      this.timers.push(clock.setInterval(guarded('lease', () => this.renewLease(node)), LEASE_RENEW_INTERVAL_MS));
      guarded('lease', () => this.renewLease(node))();
    }, offset));
    this.timers.push(clock.setTimeout(() => {
      this.timers.push(clock.setInterval(guarded('status', () => this.reportStatus(node)), STATUS_REPORT_INTERVAL_MS));
    }, offset * (STATUS_REPORT_INTERVAL_MS / LEASE_RENEW_INTERVAL_MS)));
  }

  /** Power came back: renew and report now rather than at the next tick. */
  async powerOn(node: SimulatedNode): Promise<void> {
    await Promise.all([this.renewLease(node), this.reportStatus(node)]);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }
}
