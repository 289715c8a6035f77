import type { CycleContext, FilterPlugin } from '../../framework/plugin.types';
import { SKIP } from '../../framework/plugin.types';
import type { NodeInfo } from '../../framework/node-info';
import type { Pod, Rejection } from '../../framework/types';

export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
const REJECTION: Rejection = { code: 'Unschedulable', reasons: [ERR_REASON_NODE_PORTS], plugin: 'NodePorts' };
const STATE_KEY = 'PreFilterNodePorts';

interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** The host ports a pod's containers (and init containers) claim. */
export function hostPortsOf(pod: Pod): HostPort[] {
  const ports: HostPort[] = [];
  for (const container of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
    for (const port of container.ports ?? []) {
      if (port.hostPort && port.hostPort > 0) ports.push({ ip: port.hostIP || '0.0.0.0', protocol: port.protocol || 'TCP', port: port.hostPort });
    }
  }
  return ports;
}

/** Two claims collide on the same protocol and port when either binds all addresses or both bind the same one. */
function conflicts(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0');
}

/** Rejects nodes where a pod already holds a host port the incoming pod asks for. */
export class NodePortsPlugin implements FilterPlugin {
  readonly name = 'NodePorts';

  preFilter(ctx: CycleContext): typeof SKIP | null {
    const wanted = hostPortsOf(ctx.pod);
    if (wanted.length === 0) return SKIP;
    ctx.state.set(STATE_KEY, wanted);
    return null;
  }

  filter(ctx: CycleContext, nodeInfo: NodeInfo): Rejection | null {
    const wanted = ctx.state.get(STATE_KEY) as HostPort[];
    const used = nodeInfo.memo('node-ports', () => [...nodeInfo.pods.values()].flatMap((info) => hostPortsOf(info.pod)));
    return wanted.some((port) => used.some((taken) => conflicts(port, taken))) ? REJECTION : null;
  }
}
