import type { NodeDefinition } from '../node/node-pool.config';
import { nodeInternalIP, nodePodCIDR } from '../node/node-object.builder';

/**
 * One simulated node's local state: whether it is powered, the images its runtime holds, and its
 * pod IP allocator over the node's podCIDR (.2 to .254, freed IPs reused).
 */
export class SimulatedNode {
  /** The machine is on (the `sim.drydock.dev/power` annotation). */
  powered = true;
  /** The kubelet service runs (`systemctl stop kubelet` in a node shell stops it). */
  kubeletRunning = true;
  /** When the kubelet service last started (real time), for systemctl and ps. */
  kubeletStartedAt = new Date();
  uid = '';
  readonly images = new Set<string>();
  /** Bumped whenever an image is added: the heartbeat reports node.status.images when it moved. */
  imagesVersion = 0;
  readonly hostIP: string;
  private readonly cidrBase: string;
  private readonly freeIPs: number[] = [];
  private nextIP = 2;

  constructor(readonly definition: NodeDefinition) {
    this.hostIP = nodeInternalIP(definition.index);
    this.cidrBase = nodePodCIDR(definition.index).replace(/\.0\/24$/, '');
  }

  /** Powered and its kubelet running: it heartbeats, steps its pods and answers the API server. */
  get active(): boolean {
    return this.powered && this.kubeletRunning;
  }

  get name(): string {
    return this.definition.name;
  }

  allocatePodIP(): string {
    const offset = this.freeIPs.pop() ?? this.nextIP++;
    return `${this.cidrBase}.${offset > 254 ? 254 : offset}`;
  }

  recordImage(image: string): void {
    if (this.images.has(image)) return;
    this.images.add(image);
    this.imagesVersion++;
  }

  /** Marks an IP already in use (a pod adopted after a restart); IPs outside the CIDR are kept as they are. */
  reservePodIP(ip: string): string {
    if (!ip.startsWith(`${this.cidrBase}.`)) return ip;
    const offset = Number(ip.slice(this.cidrBase.length + 1));
    const free = this.freeIPs.indexOf(offset);
    if (free >= 0) this.freeIPs.splice(free, 1);
    while (this.nextIP <= offset) {
      if (this.nextIP !== offset) this.freeIPs.push(this.nextIP);
      this.nextIP++;
    }
    return ip;
  }

  releasePodIP(ip: string): void {
    if (!ip.startsWith(`${this.cidrBase}.`)) return;
    const offset = Number(ip.slice(this.cidrBase.length + 1));
    if (offset >= 2 && offset <= 254 && !this.freeIPs.includes(offset)) this.freeIPs.push(offset);
  }
}
