import { BlockList, isIPv4 } from 'node:net';
import { labelSelectorFromObject, matchesLabels } from '@drydock/kube';
import type { KubeObject } from '@drydock/util';

/**
 * NetworkPolicy as a CNI that enforces it decides a new connection (networking.k8s.io/v1 semantics):
 * a pod is isolated for a direction once any policy of its namespace selects it with that policy type;
 * an isolated pod accepts (ingress) or opens (egress) a connection only when some rule of some policy
 * selecting it allows the peer and the port; policies add up, never subtract. Replies of an allowed
 * connection are never checked (conntrack). Checked after kube-proxy's DNAT: on the backend pod's
 * address and target port, not the Service's.
 */
export interface NetworkEndpoint {
  ip: string;
  /** The pod at this address; absent for an address outside the pod network. */
  pod?: KubeObject;
}

export interface PolicyContext {
  policies: KubeObject[];
  /** A namespace's labels (`kubernetes.io/metadata.name` is always among them, as the API server sets it). */
  namespaceLabels(name: string): Record<string, string>;
}

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface PolicyPeer {
  podSelector?: unknown;
  namespaceSelector?: unknown;
  ipBlock?: { cidr?: string; except?: string[] };
}

interface PolicyRule {
  from?: PolicyPeer[];
  to?: PolicyPeer[];
  ports?: PolicyPort[];
}

interface PolicySpec {
  podSelector?: unknown;
  policyTypes?: string[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}

type Direction = 'Ingress' | 'Egress';

/** Whether a new connection from `from` to `to` on `port`/`protocol` (after DNAT) gets through. */
export function connectionAllowed(context: PolicyContext, from: NetworkEndpoint, to: NetworkEndpoint, port: number, protocol = 'TCP'): boolean {
  return directionAllows(context, 'Egress', from, to, port, protocol) && directionAllows(context, 'Ingress', to, from, port, protocol);
}

/** Whether `subject`'s policies of `direction` let it talk with `peer` (the far end) on the destination's port. */
function directionAllows(context: PolicyContext, direction: Direction, subject: NetworkEndpoint, peer: NetworkEndpoint, port: number, protocol: string): boolean {
  const pod = subject.pod;
  if (!pod || isHostNetwork(pod)) return true;
  const namespace = pod.metadata.namespace ?? 'default';
  const selecting = context.policies.filter((policy) => policy.metadata.namespace === namespace && appliesTo(policy, pod, direction));
  if (selecting.length === 0) return true;
  // The named port is looked up on the destination pod: the subject for ingress, the peer for egress.
  const destination = direction === 'Ingress' ? subject : peer;
  return selecting.some((policy) => rulesOf(policy, direction).some((rule) => {
    const peers = direction === 'Ingress' ? rule.from : rule.to;
    return portsMatch(rule.ports, destination.pod, port, protocol) && peersMatch(context, peers, namespace, peer);
  }));
}

function appliesTo(policy: KubeObject, pod: KubeObject, direction: Direction): boolean {
  const spec = (policy.spec ?? {}) as PolicySpec;
  return policyTypes(spec).includes(direction) && matchesLabels(labelSelectorFromObject(spec.podSelector ?? {}), pod.metadata.labels);
}

/** spec.policyTypes, defaulted as the API server does: Ingress always, Egress when egress rules are present. */
function policyTypes(spec: PolicySpec): Direction[] {
  if (spec.policyTypes?.length) return spec.policyTypes as Direction[];
  return spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function rulesOf(policy: KubeObject, direction: Direction): PolicyRule[] {
  const spec = (policy.spec ?? {}) as PolicySpec;
  return (direction === 'Ingress' ? spec.ingress : spec.egress) ?? [];
}

/** An empty or missing list of ports allows every port. */
function portsMatch(ports: PolicyPort[] | undefined, destinationPod: KubeObject | undefined, port: number, protocol: string): boolean {
  if (!ports?.length) return true;
  return ports.some((entry) => {
    if ((entry.protocol ?? 'TCP') !== protocol) return false;
    if (entry.port === undefined) return true;
    if (typeof entry.port === 'string' && !/^\d+$/.test(entry.port)) return namedPort(destinationPod, entry.port, protocol) === port;
    const first = Number(entry.port);
    return port >= first && port <= (entry.endPort ?? first);
  });
}

/** The container port named `name` on the pod, for its protocol. */
function namedPort(pod: KubeObject | undefined, name: string, protocol: string): number | undefined {
  const containers = ((pod?.spec as { containers?: Array<{ ports?: Array<{ name?: string; containerPort: number; protocol?: string }> }> } | undefined)?.containers) ?? [];
  return containers.flatMap((container) => container.ports ?? []).find((p) => p.name === name && (p.protocol ?? 'TCP') === protocol)?.containerPort;
}

/** An empty or missing list of peers allows every peer. */
function peersMatch(context: PolicyContext, peers: PolicyPeer[] | undefined, policyNamespace: string, peer: NetworkEndpoint): boolean {
  if (!peers?.length) return true;
  return peers.some((entry) => peerMatches(context, entry, policyNamespace, peer));
}

function peerMatches(context: PolicyContext, entry: PolicyPeer, policyNamespace: string, peer: NetworkEndpoint): boolean {
  if (entry.ipBlock) return inBlock(peer.ip, entry.ipBlock);
  const pod = peer.pod;
  if (!pod) return false;
  const namespace = pod.metadata.namespace ?? 'default';
  const namespaceMatches = entry.namespaceSelector !== undefined && entry.namespaceSelector !== null
    ? matchesLabels(labelSelectorFromObject(entry.namespaceSelector), context.namespaceLabels(namespace))
    : namespace === policyNamespace;
  if (!namespaceMatches) return false;
  return entry.podSelector === undefined || entry.podSelector === null || matchesLabels(labelSelectorFromObject(entry.podSelector), pod.metadata.labels);
}

/** ipBlock: inside `cidr` and in none of `except`. */
function inBlock(ip: string, block: { cidr?: string; except?: string[] }): boolean {
  if (!isIPv4(ip) || !block.cidr) return false;
  const within = (cidr: string) => {
    const [network, bits] = cidr.split('/');
    if (!isIPv4(network)) return false;
    const list = new BlockList();
    list.addSubnet(network, Number(bits ?? 32), 'ipv4');
    return list.check(ip, 'ipv4');
  };
  return within(block.cidr) && !(block.except ?? []).some(within);
}

function isHostNetwork(pod: KubeObject): boolean {
  return (pod.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork === true;
}
